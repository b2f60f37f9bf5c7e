using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Harness.Platform.Gateway;

/// <summary>
/// The whole OpenFaaS HTTP surface, mapped once over the registered <see cref="Contracts.IFunctionProvider"/>
/// (faas-provider's <c>Serve</c>): every backend answers the same routes with the same codes.
/// </summary>
internal static class GatewayRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var functions = services.GetRequiredService<FunctionsApi>();
        var secrets = services.GetRequiredService<SecretsApi>();
        var artifacts = services.GetRequiredService<ArtifactsApi>();
        var logs = services.GetRequiredService<LogsApi>();
        var info = services.GetRequiredService<InfoApi>();
        var namespaces = services.GetRequiredService<NamespacesApi>();
        var invoke = services.GetRequiredService<InvocationHandler>();

        endpoints.MapGet("/system/functions", new RequestDelegate(functions.ListAsync));
        endpoints.MapPost("/system/functions", new RequestDelegate(functions.DeployAsync));
        endpoints.MapPut("/system/functions", new RequestDelegate(functions.UpdateAsync));
        endpoints.MapDelete("/system/functions", new RequestDelegate(functions.DeleteAsync));
        endpoints.MapGet("/system/function/{name}", new RequestDelegate(functions.GetAsync));
        endpoints.MapPost("/system/scale-function/{name}", new RequestDelegate(functions.ScaleAsync));

        endpoints.MapGet("/system/info", new RequestDelegate(info.InfoAsync));
        endpoints.MapGet("/system/namespaces", new RequestDelegate(info.NamespacesAsync));
        endpoints.MapGet("/system/namespace/{name}", new RequestDelegate(namespaces.GetAsync));
        endpoints.MapPost("/system/namespace", new RequestDelegate(namespaces.CreateAsync));
        endpoints.MapPost("/system/namespace/{name}", new RequestDelegate(namespaces.CreateAsync));
        endpoints.MapPut("/system/namespace/{name}", new RequestDelegate(namespaces.UpdateAsync));
        endpoints.MapDelete("/system/namespace", new RequestDelegate(namespaces.DeleteAsync));
        endpoints.MapDelete("/system/namespace/{name}", new RequestDelegate(namespaces.DeleteAsync));
        endpoints.MapGet("/system/logs", new RequestDelegate(logs.GetAsync));

        endpoints.MapGet("/system/secrets", new RequestDelegate(secrets.ListAsync));
        endpoints.MapPost("/system/secrets", new RequestDelegate(secrets.CreateAsync));
        endpoints.MapPut("/system/secrets", new RequestDelegate(secrets.UpdateAsync));
        endpoints.MapDelete("/system/secrets", new RequestDelegate(secrets.DeleteAsync));

        endpoints.MapGet("/system/artifacts", new RequestDelegate(artifacts.ListAsync));
        endpoints.MapPut("/system/artifacts", new RequestDelegate(artifacts.PutAsync));

        endpoints.MapGet("/healthz", new RequestDelegate(InfoApi.HealthzAsync));

        // Every method goes to the function, as in OpenFaaS; the path suffix and query go with it.
        endpoints.Map("/function/{name}", new RequestDelegate(invoke.InvokeAsync));
        endpoints.Map("/function/{name}/{**path}", new RequestDelegate(invoke.InvokeAsync));
        endpoints.MapAsyncInvocation();
    }
}
