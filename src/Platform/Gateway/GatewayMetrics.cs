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
        Seconds = factory.CreateHistogram("gateway_functions_seconds", "Function time taken", ["function_name", "code"],
            new HistogramConfiguration { Buckets = [.. Contracts.PrometheusBuckets.GoDefault] });
        Started = factory.CreateCounter("gateway_function_invocation_started", "The total number of function HTTP requests started.", "function_name");
        ServiceCount = factory.CreateGauge("gateway_service_count", "Current count of replicas for function", "function_name");
        ProviderApiRequests = factory.CreateCounter("harness_provider_api_requests_total", "Requests the provider sent to the orchestrator's API (e.g. the Kubernetes API server); rate() gives the request rate.");
        PreforkZygotes = factory.CreateGauge("harness_prefork_zygotes", "Pre-fork zygotes of the local provider, by state.", "state");
        PreforkMemory = factory.CreateGauge("harness_prefork_memory_bytes", "Memory the pre-fork zygotes use now (their cgroups).");
        PreforkForks = factory.CreateCounter("harness_prefork_forks_total", "Replica servers forked from pre-fork zygotes.");
        PreforkFailures = factory.CreateCounter("harness_prefork_failures_total", "Asks a zygote could not serve (the replica then started its server the usual way).");
        PreforkStandbys = factory.CreateGauge("harness_prefork_standby_replicas", "Standby replicas waiting now (one per function scaled to zero that has a zygote).");
        PreforkStandbyMemory = factory.CreateGauge("harness_prefork_standby_memory_bytes", "Memory the waiting standby replicas use now (their cgroups).");
        PreforkStandbyTaken = factory.CreateCounter("harness_prefork_standby_taken_total", "Scale-ups served by a standby replica.");
    }

    public CollectorRegistry Registry { get; }

    public Counter InvocationTotal { get; }

    public Histogram Seconds { get; }

    public Counter Started { get; }

    public Gauge ServiceCount { get; }

    public Counter ProviderApiRequests { get; }

    public Gauge PreforkZygotes { get; }

    public Gauge PreforkMemory { get; }

    public Counter PreforkForks { get; }

    public Counter PreforkFailures { get; }

    public Gauge PreforkStandbys { get; }

    public Gauge PreforkStandbyMemory { get; }

    public Counter PreforkStandbyTaken { get; }

    /// <summary>Copies the provider's zygote figures into the metrics (at scrape time); nothing for providers without them.</summary>
    public void Read(Contracts.PreforkInfo? prefork)
    {
        if (prefork is null)
        {
            return;
        }

        foreach (var state in new[] { "starting", "ready", "failed" })
        {
            PreforkZygotes.WithLabels(state).Set(prefork.Zygotes.Count(z => z.State == state));
        }

        PreforkMemory.Set(prefork.MemoryBytes);
        PreforkForks.IncTo(prefork.Forks);
        PreforkFailures.IncTo(prefork.Failures);
        PreforkStandbys.Set(prefork.Standbys);
        PreforkStandbyMemory.Set(prefork.StandbyMemoryBytes);
        PreforkStandbyTaken.IncTo(prefork.StandbyTaken);
    }
}
