using System.Runtime.InteropServices;
using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary><c>/system/info</c>, <c>/system/namespaces</c> and <c>/healthz</c>.</summary>
internal sealed class InfoApi(IFunctionProvider provider)
{
    private static readonly byte[] Ok = "OK"u8.ToArray();

    public Task InfoAsync(HttpContext context)
    {
        var info = new GatewayInfo
        {
            Provider = provider.Info,
            Version = VersionInfo.Of(typeof(InfoApi).Assembly),
            Arch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                var other => other.ToString().ToLowerInvariant(),
            },
        };
        return JsonResponse.WriteAsync(context, info);
    }

    public async Task NamespacesAsync(HttpContext context)
    {
        var namespaces = await provider.ListNamespacesAsync(context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, namespaces).ConfigureAwait(false);
    }

    public static Task HealthzAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        return context.Response.Body.WriteAsync(Ok, context.RequestAborted).AsTask();
    }
}
