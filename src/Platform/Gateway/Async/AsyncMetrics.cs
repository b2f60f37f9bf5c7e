using Prometheus;

namespace Harness.Platform.Gateway;

/// <summary>The async queue's metrics, in the gateway's registry (or a private one when the gateway exports none).</summary>
internal sealed class AsyncMetrics
{
    public AsyncMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        QueueDepth = factory.CreateGauge("gateway_async_queue_depth", "Async requests queued or running, per function", "function_name");
        Accepted = factory.CreateCounter("gateway_async_accepted_total", "Async requests accepted (202)", "function_name");
        Rejected = factory.CreateCounter("gateway_async_rejected_total", "Async requests refused because the queue was full (429)", "function_name");
        Completed = factory.CreateCounter("gateway_async_invocation_total", "Async requests finished, by the function's final status", "function_name", "code");
        Retries = factory.CreateCounter("gateway_async_retries_total", "Async calls retried (for example after a 429 from max_inflight)", "function_name");
        Callbacks = factory.CreateCounter("gateway_async_callback_total", "Results posted to X-Callback-Url, by the callback's status (or error)", "function_name", "code");
    }

    public Gauge QueueDepth { get; }

    public Counter Accepted { get; }

    public Counter Rejected { get; }

    public Counter Completed { get; }

    public Counter Retries { get; }

    public Counter Callbacks { get; }
}
