using Harness.Platform.Contracts;
using Harness.Platform.Http11;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Harness.Platform.Gateway;

/// <summary>Wires the gateway: Kestrel, the routes over the provider, and the decorators (auth on <c>/system/*</c>, metrics on <c>/function/*</c>).</summary>
internal static class GatewayHost
{
    public static WebApplication Build(GatewayHostSettings settings)
    {
        var problems = settings.Options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid gateway options: " + string.Join("; ", problems), nameof(settings));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        settings.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.Options.MaxFunctionBodyBytes;
            kestrel.Listen(settings.Bind, settings.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // Kestrel runs each request on the thread that handled its socket event instead of queueing it to the pool once
        // more: one hand-off (and its wake-up) less per call. Nothing on /function/* blocks; everything else is moved to
        // the pool below, so this stays true if the process also runs socket completions inline
        // (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1; measured in docs/performance/chain.md).
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);

        var services = builder.Services;
        services.AddSingleton(settings.Provider);
        services.AddSingleton(settings.Options);
        services.AddSingleton(settings.Time);
        services.AddSingleton<Http11ConnectionPool>();
        services.AddSingleton<Http11Forwarder>();
        services.AddSingleton<TrafficRegistry>();
        services.AddSingleton<ReplicaSelector>();
        services.AddSingleton<ScaleFromZero>();
        services.AddSingleton<InvocationHandler>();
        services.AddSingleton<FunctionsApi>();
        services.AddSingleton<SecretsApi>();
        services.AddSingleton<ArtifactsApi>();
        services.AddSingleton<LogsApi>();
        services.AddSingleton<InfoApi>();
        services.AddSingleton<NamespacesApi>();
        services.AddSingleton<ScalingLoop>();
        services.AddAsyncInvocation();
        if (settings.Scaling)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ScalingLoop>());
        }

        if (settings.Credentials is { } credentials)
        {
            services.AddSingleton(credentials);
        }

        if (settings.Metrics)
        {
            services.AddSingleton(new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry()));
        }

        var app = builder.Build();
        // The management API, metrics and async calls reach the provider, the disk and JSON: off the I/O thread first.
        app.UseWhen(context => !IsFunction(context), other => other.Use(ThreadPoolHop.InvokeAsync));
        app.UseRouting();
        app.UseWhen(IsSystem, system =>
        {
            system.UseMiddleware<SystemErrorMiddleware>();
            if (settings.Credentials is not null)
            {
                system.UseMiddleware<BasicAuthMiddleware>();
            }
        });

        if (settings.Metrics)
        {
            var metrics = app.Services.GetRequiredService<GatewayMetrics>();
            app.UseWhen(IsFunction, function => function.UseMiddleware<InvocationMetricsMiddleware>());
            metrics.Registry.AddBeforeCollectCallback(ct => CountServicesAsync(settings.Provider, metrics, ct));
            metrics.Registry.AddBeforeCollectCallback(() => metrics.Read(settings.Provider.Info.Prefork));
            app.MapMetrics("/metrics", metrics.Registry);
        }

        // After the metrics, so a refused call is still counted with its 413.
        app.UseWhen(IsInvocation, invocation => invocation.UseMiddleware<FunctionBodyLimitMiddleware>());
        GatewayRoutes.Map(app);
        return app;
    }

    private static bool IsSystem(HttpContext context) => context.Request.Path.StartsWithSegments("/system");

    private static bool IsFunction(HttpContext context) => context.Request.Path.StartsWithSegments("/function");

    private static bool IsInvocation(HttpContext context) => IsFunction(context) || context.Request.Path.StartsWithSegments("/async-function");

    // gateway_service_count is read from the provider at scrape time, so it is never staler than the scrape. As OpenFaaS's
    // exporter (which resets the gauge on every collect), a function that is gone leaves the scrape; when the provider cannot
    // be read, the last known series stay rather than every function vanishing for one scrape.
    private static async Task CountServicesAsync(IFunctionProvider provider, GatewayMetrics metrics, CancellationToken cancellationToken)
    {
        if (provider is IApiRequestCounter counter)
        {
            metrics.ProviderApiRequests.IncTo(counter.ApiRequests);
        }

        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var ns in await provider.ListNamespacesAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var fn in await provider.ListAsync(ns, cancellationToken).ConfigureAwait(false))
                {
                    replicas[new FunctionKey(fn.Name, fn.Namespace ?? ns).ToString()] = fn.Replicas;
                }
            }
        }
#pragma warning disable CA1031 // a provider hiccup must not fail the whole scrape
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        foreach (var labels in metrics.ServiceCount.GetAllLabelValues().ToList())
        {
            if (!replicas.ContainsKey(labels[0]))
            {
                metrics.ServiceCount.RemoveLabelled(labels);
            }
        }

        foreach (var (name, count) in replicas)
        {
            metrics.ServiceCount.WithLabels(name).Set(count);
        }
    }
}
