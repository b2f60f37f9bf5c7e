using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary><c>/system/secrets</c> over an <see cref="ISecretProvider"/>; 501 when the provider has no such ability.</summary>
internal sealed class SecretsApi(IFunctionProvider provider, GatewayOptions options)
{
    private readonly ISecretProvider? _secrets = provider as ISecretProvider;

    public async Task ListAsync(HttpContext context)
    {
        if (await UnsupportedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var ns = context.Request.Query["namespace"].ToString() is { Length: > 0 } q ? q : PlatformDefaults.FunctionNamespace;
        if (await KnownNamespaces.ProblemAsync(provider, ns, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var secrets = await _secrets!.ListSecretsAsync(ns, context.RequestAborted).ConfigureAwait(false);
        // Listing names never returns values, as in faas-netes.
        var names = secrets.Select(s => new SecretSpec { Name = s.Name, Namespace = s.Namespace ?? ns }).ToArray();
        await JsonResponse.WriteAsync(context, names).ConfigureAwait(false);
    }

    public Task CreateAsync(HttpContext context) => WriteAsync(context, update: false);

    public Task UpdateAsync(HttpContext context) => WriteAsync(context, update: true);

    private async Task WriteAsync(HttpContext context, bool update)
    {
        if (await UnsupportedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var (secret, error, status) = await JsonBody.ReadAsync<SecretSpec>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (secret is null)
        {
            await TextResponse.WriteAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        var errors = new List<string>();
        if (SecretName.Problem(secret.Name) is { } nameProblem)
        {
            errors.Add("name: " + nameProblem);
        }

        if (secret.Namespace is { Length: > 0 } ns && !FunctionNames.IsDns1123Label(ns))
        {
            errors.Add($"namespace '{ns}' is not valid");
        }

        if (secret.Value is null && secret.RawValue is null)
        {
            errors.Add("value or rawValue is required");
        }

        if (errors.Count > 0)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, string.Join('\n', errors)).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(secret.Namespace))
        {
            secret = secret with { Namespace = PlatformDefaults.FunctionNamespace };
        }

        var result = update
            ? await _secrets!.UpdateSecretAsync(secret, context.RequestAborted).ConfigureAwait(false)
            : await _secrets!.CreateSecretAsync(secret, context.RequestAborted).ConfigureAwait(false);
        await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (await UnsupportedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var (body, error, status) = await JsonBody.ReadAsync<DeleteSecretRequest>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null || string.IsNullOrWhiteSpace(body.Name))
        {
            await TextResponse.WriteAsync(context, error is null ? StatusCodes.Status400BadRequest : status, error ?? "name is required").ConfigureAwait(false);
            return;
        }

        var ns = body.Namespace is { Length: > 0 } n ? n : PlatformDefaults.FunctionNamespace;
        var result = await _secrets!.DeleteSecretAsync(body.Name, ns, context.RequestAborted).ConfigureAwait(false);
        await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
    }

    private async Task<bool> UnsupportedAsync(HttpContext context)
    {
        if (_secrets is not null)
        {
            return false;
        }

        await TextResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, "this provider does not support secrets").ConfigureAwait(false);
        return true;
    }
}
