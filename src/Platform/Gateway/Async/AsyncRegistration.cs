using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Harness.Platform.Gateway;

/// <summary>Wires async invocation into the gateway: the queue, its worker and metrics, and the <c>/async-function/*</c> routes.</summary>
internal static class AsyncRegistration
{
    public static void AddAsyncInvocation(this IServiceCollection services)
    {
        services.AddSingleton<AsyncQueue>();
        services.AddSingleton(sp => new AsyncMetrics(sp.GetService<GatewayMetrics>()?.Registry ?? Metrics.NewCustomRegistry()));
        services.AddSingleton<AsyncInvocationHandler>();
        services.AddHostedService<AsyncWorker>();
    }

    public static void MapAsyncInvocation(this IEndpointRouteBuilder endpoints)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<AsyncInvocationHandler>();
        var queue = endpoints.ServiceProvider.GetRequiredService<AsyncQueue>();
        var metrics = endpoints.ServiceProvider.GetRequiredService<AsyncMetrics>();
        if (endpoints.ServiceProvider.GetService<GatewayMetrics>() is { } gateway)
        {
            // The depth is read at scrape time, so it is never staler than the scrape.
            gateway.Registry.AddBeforeCollectCallback(() =>
            {
                foreach (var (key, pending) in queue.PendingByFunction())
                {
                    metrics.QueueDepth.WithLabels(key.ToString()).Set(pending);
                }
            });
        }

        // OpenFaaS accepts only POST here; routing answers 405 for other methods.
        endpoints.MapPost("/async-function/{name}", new RequestDelegate(handler.InvokeAsync));
        endpoints.MapPost("/async-function/{name}/{**path}", new RequestDelegate(handler.InvokeAsync));
    }
}
