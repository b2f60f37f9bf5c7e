using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary><c>/system/functions</c>, <c>/system/function/{name}</c> and <c>/system/scale-function/{name}</c> over an <see cref="IFunctionProvider"/>.</summary>
internal sealed partial class FunctionsApi(
    IFunctionProvider provider, TrafficRegistry traffic, ReplicaSelector selector, GatewayOptions options, ILogger<FunctionsApi> logger)
{
    public async Task ListAsync(HttpContext context)
    {
        var ns = Namespace(context.Request.Query["namespace"]);
        if (await KnownNamespaces.ProblemAsync(provider, ns, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var functions = await provider.ListAsync(ns, context.RequestAborted).ConfigureAwait(false);
        var withCounts = new FunctionStatus[functions.Count];
        for (var i = 0; i < withCounts.Length; i++)
        {
            withCounts[i] = WithCount(functions[i], ns);
        }

        await JsonResponse.WriteAsync(context, withCounts).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context)
    {
        if (!FunctionNames.TryParse(context.GetRouteValue("name") as string, context.Request.Query["namespace"], out var key, out var error))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        if (await KnownNamespaces.ProblemAsync(provider, key.Namespace, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var status = await provider.GetAsync(key.Name, key.Namespace, context.RequestAborted).ConfigureAwait(false);
        if (status is null)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status404NotFound, $"function {key} not found").ConfigureAwait(false);
            return;
        }

        // As OpenFaaS: usage unless ?usage=false (the scale-from-zero path asks without it).
        if (provider is IFunctionUsageMeter meter && !string.Equals(context.Request.Query["usage"], "false", StringComparison.OrdinalIgnoreCase)
            && await meter.MeasureUsageAsync(key.Name, key.Namespace, context.RequestAborted).ConfigureAwait(false) is { } usage)
        {
            status = status with { Usage = usage };
        }

        await JsonResponse.WriteAsync(context, WithCount(status, key.Namespace)).ConfigureAwait(false);
    }

    public Task DeployAsync(HttpContext context) => WriteAsync(context, update: false);

    public Task UpdateAsync(HttpContext context) => WriteAsync(context, update: true);

    private async Task WriteAsync(HttpContext context, bool update)
    {
        var (deployment, error, status) = await JsonBody.ReadAsync<FunctionDeployment>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (deployment is null)
        {
            await TextResponse.WriteAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        var errors = DeploymentValidator.Validate(deployment);
        if (errors.Count > 0)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, string.Join('\n', errors)).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(deployment.Namespace))
        {
            deployment = deployment with { Namespace = PlatformDefaults.FunctionNamespace };
        }

        var result = update
            ? await provider.UpdateAsync(deployment, context.RequestAborted).ConfigureAwait(false)
            : await provider.DeployAsync(deployment, context.RequestAborted).ConfigureAwait(false);
        var key = new FunctionKey(deployment.Service, deployment.Namespace!);
        selector.Invalidate(key);
        if (!result.IsOk)
        {
            await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
            return;
        }

        var warnings = new List<string>(TimeoutConsistency.Check(deployment, options.UpstreamTimeout).Concat(UnappliedResources.Check(deployment)));
        // faas-cli prints only "Deployed. 202 Accepted.": the function's logs (faas-cli logs NAME) carry the gateway's
        // warnings too. The provider's own warnings (result.Message) are in its logs already.
        if (provider is IFunctionLogNotes notes)
        {
            foreach (var warning in warnings)
            {
                notes.Note(key.Name, key.Namespace, "warning: " + warning);
            }
        }

        if (!string.IsNullOrWhiteSpace(result.Message))
        {
            warnings.Add(result.Message);
        }

        LogDeployed(logger, update ? "updated" : "deployed", key.ToString(), deployment.Image);
        if (warnings.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        foreach (var warning in warnings)
        {
            LogWarning(logger, key.ToString(), warning);
            context.Response.Headers.Append(GatewayHeaders.Warning, HeaderSafe(warning));
        }

        await JsonResponse.WriteAsync(context, new DeployResponse { Warnings = warnings }, StatusCodes.Status202Accepted).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext context)
    {
        var (body, error, status) = await JsonBody.ReadAsync<DeleteFunctionRequest>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null || string.IsNullOrWhiteSpace(body.FunctionName))
        {
            await TextResponse.WriteAsync(context, error is null ? StatusCodes.Status400BadRequest : status, error ?? "functionName is required").ConfigureAwait(false);
            return;
        }

        if (!FunctionNames.TryParse(body.FunctionName, body.Namespace ?? context.Request.Query["namespace"], out var key, out var nameError))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, nameError).ConfigureAwait(false);
            return;
        }

        var result = await provider.DeleteAsync(key.Name, key.Namespace, context.RequestAborted).ConfigureAwait(false);
        selector.Invalidate(key);
        if (result.IsOk)
        {
            traffic.Forget(key);
            LogDeleted(logger, key.ToString());
        }

        await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
    }

    public async Task ScaleAsync(HttpContext context)
    {
        var (body, error, status) = await JsonBody.ReadAsync<ScaleServiceRequest>(context.Request, options.MaxSystemBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await TextResponse.WriteAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        var ns = body.Namespace is { Length: > 0 } bodyNs ? bodyNs : (string?)context.Request.Query["namespace"];
        if (!FunctionNames.TryParse(context.GetRouteValue("name") as string, ns, out var key, out var nameError))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, nameError).ConfigureAwait(false);
            return;
        }

        if (body.Replicas is not { } replicas || replicas < 0 || replicas > 1000)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "replicas is required and must be between 0 and 1000").ConfigureAwait(false);
            return;
        }

        if (await KnownNamespaces.ProblemAsync(provider, key.Namespace, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var result = await provider.ScaleAsync(key.Name, key.Namespace, (int)replicas, context.RequestAborted).ConfigureAwait(false);
        selector.Invalidate(key);
        if (result.IsOk)
        {
            LogScaled(logger, key.ToString(), (int)replicas);
        }

        await ProviderResults.WriteAsync(context, result).ConfigureAwait(false);
    }

    private FunctionStatus WithCount(FunctionStatus status, string ns)
    {
        var count = traffic.Find(new FunctionKey(status.Name, status.Namespace ?? ns))?.Completed ?? 0;
        return status with { InvocationCount = count, Namespace = status.Namespace ?? ns };
    }

    private static string Namespace(string? query) => string.IsNullOrEmpty(query) ? PlatformDefaults.FunctionNamespace : query;

    private static string HeaderSafe(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] > 0x7e)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} {Function} ({Image})")]
    private static partial void LogDeployed(ILogger logger, string action, string function, string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string function, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed {Function}")]
    private static partial void LogDeleted(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "scaled {Function} to {Replicas}")]
    private static partial void LogScaled(ILogger logger, string function, int replicas);
}
