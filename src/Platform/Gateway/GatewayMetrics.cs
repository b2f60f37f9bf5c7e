using Prometheus;

namespace Harness.Platform.Gateway;

/// <summary>The OpenFaaS gateway metrics, in a registry of their own so two gateways in one process do not share counters.</summary>
internal sealed class GatewayMetrics
{
    public GatewayMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        InvocationTotal = factory.CreateCounter("gateway_function_invocation_total", "Function metrics", "function_name", "code");
        Seconds = factory.CreateHistogram("gateway_functions_seconds", "Function time taken", "function_name", "code");
        Started = factory.CreateCounter("gateway_function_invocation_started", "The total number of function HTTP requests started.", "function_name");
        ServiceCount = factory.CreateGauge("gateway_service_count", "Current count of replicas for function", "function_name");
        ProviderApiRequests = factory.CreateCounter("harness_provider_api_requests_total", "Requests the provider sent to the orchestrator's API (e.g. the Kubernetes API server); rate() gives the request rate.");
    }

    public CollectorRegistry Registry { get; }

    public Counter InvocationTotal { get; }

    public Histogram Seconds { get; }

    public Counter Started { get; }

    public Gauge ServiceCount { get; }

    public Counter ProviderApiRequests { get; }
}
