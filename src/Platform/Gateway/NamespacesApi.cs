using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>
/// faas-provider's <c>/system/namespace/{name}</c>: GET the namespace (404 when missing), POST to create it (the name
/// in the body, as go-sdk posts to <c>/system/namespace/</c>), PUT to update it, DELETE to remove it. A backend that
/// cannot change namespaces answers 501 to the writes, as faas-netes CE does; GET then reads its namespace list.
/// </summary>
internal sealed partial class NamespacesApi(IFunctionProvider provider, GatewayOptions options, ILogger<NamespacesApi> logger)
{
    public async Task GetAsync(HttpContext context)
    {
        if (RouteName(context) is not { } name)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "namespace name is required in the path: /system/namespace/{name}").ConfigureAwait(false);
            return;
        }

        if (!FunctionNames.IsDns1123Label(name))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"namespace '{name}' is not a valid namespace name").ConfigureAwait(false);
            return;
        }

        FunctionNamespace? found;
        if (provider is INamespaceProvider namespaces)
        {
            found = await namespaces.GetNamespaceAsync(name, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            var list = await provider.ListNamespacesAsync(context.RequestAborted).ConfigureAwait(false);
            found = list.Contains(name, StringComparer.Ordinal) ? new FunctionNamespace { Name = name } : null;
        }

        if (found is null)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status404NotFound, $"namespace {name} not found").ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, found with { Labels = found.Labels ?? new Dictionary<string, string>(), Annotations = found.Annotations ?? new Dictionary<string, string>() }).ConfigureAwait(false);
    }

    public Task CreateAsync(HttpContext context) => WriteAsync(context, create: true);

    public Task UpdateAsync(HttpContext context) => WriteAsync(context, create: false);

    public async Task DeleteAsync(HttpContext context)
    {
        if (provider is not INamespaceProvider namespaces)
        {
            await NotImplementedAsync(context).ConfigureAwait(false);
            return;
        }

        // go-sdk names the namespace in the path and in a body; either is enough.
        var name = RouteName(context);
        if (name is null && context.Request.ContentLength is > 0)
        {
            var (body, error, status) = await JsonBody.ReadAsync<FunctionNamespace>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                await TextResponse.WriteAsync(context, status, error!).ConfigureAwait(false);
                return;
            }

            name = body?.Name;
        }

        if (string.IsNullOrEmpty(name) || !FunctionNames.IsDns1123Label(name))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"namespace '{name}' is not a valid namespace name").ConfigureAwait(false);
            return;
        }

        var result = await namespaces.DeleteNamespaceAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (result.IsOk)
        {
            LogChanged(logger, "removed", name);
        }

        await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, bool create)
    {
        if (provider is not INamespaceProvider namespaces)
        {
            await NotImplementedAsync(context).ConfigureAwait(false);
            return;
        }

        var (body, error, status) = await JsonBody.ReadAsync<FunctionNamespace>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var routeName = RouteName(context);
        if (body is null)
        {
            // A create or an update with the name in the path alone is still clear; a body over the limit never is.
            if (routeName is null || status == StatusCodes.Status413PayloadTooLarge)
            {
                await TextResponse.WriteAsync(context, error is null ? StatusCodes.Status400BadRequest : status, error ?? "name is required").ConfigureAwait(false);
                return;
            }

            body = new FunctionNamespace { Name = routeName };
        }

        var name = string.IsNullOrEmpty(body.Name) ? routeName : body.Name;
        if (routeName is not null && name != routeName)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"the path names namespace '{routeName}' but the body names '{name}'").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(name) || !FunctionNames.IsDns1123Label(name))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"namespace '{name}' is not a valid namespace name: lower-case letters, digits and '-', at most 63 characters").ConfigureAwait(false);
            return;
        }

        if (name is "kube-system" or "kube-public" or "kube-node-lease")
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"namespace '{name}' is reserved").ConfigureAwait(false);
            return;
        }

        var spec = body with { Name = name };
        var result = create
            ? await namespaces.CreateNamespaceAsync(spec, context.RequestAborted).ConfigureAwait(false)
            : await namespaces.UpdateNamespaceAsync(spec, context.RequestAborted).ConfigureAwait(false);
        if (result.IsOk)
        {
            LogChanged(logger, create ? "created" : "updated", name);
        }

        await ProviderResults.WriteAsync(context, result, create ? StatusCodes.Status201Created : StatusCodes.Status202Accepted).ConfigureAwait(false);
    }

    private Task NotImplementedAsync(HttpContext context) =>
        TextResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, $"the {provider.Info.Name} provider does not manage namespaces; create them with its own tools");

    private static string? RouteName(HttpContext context) => context.GetRouteValue("name") is string { Length: > 0 } name ? name : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} namespace {Namespace}")]
    private static partial void LogChanged(ILogger logger, string action, string @namespace);
}
