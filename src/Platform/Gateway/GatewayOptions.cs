namespace Harness.Platform.Gateway;

/// <summary>Gateway tuning: timeouts, scale-from-zero hold, body limits and the scaling loop.</summary>
public sealed record GatewayOptions
{
    /// <summary>How long the gateway waits on a function with no bytes moving before it answers 504 (OpenFaaS <c>upstream_timeout</c>).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a call to a function without a ready replica is held (scale from zero) before it gets 503.</summary>
    public TimeSpan ScaleFromZeroTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call is held when the function has replicas but none is ready (starting or restarting) before it gets 503.</summary>
    public TimeSpan UnreadyHoldTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often readiness is polled while a call is held, when the provider cannot signal it.</summary>
    public TimeSpan ReadinessPollInterval { get; init; } = TimeSpan.FromMilliseconds(3);

    /// <summary>With a provider that signals readiness (<see cref="Contracts.IReadinessSignal"/>): the safety-net poll while a call is held.</summary>
    public TimeSpan ReadinessFallbackPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a snapshot of a function's ready replicas is reused before it is resolved again.</summary>
    public TimeSpan EndpointCacheTtl { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest JSON body accepted on <c>/system/*</c>.</summary>
    public long MaxSystemBodyBytes { get; init; } = 1 << 20;

    /// <summary>Largest artifact accepted on <c>PUT /system/artifacts</c>.</summary>
    public long MaxArtifactBytes { get; init; } = 1L << 30;

    /// <summary>Largest request body forwarded to a function; null means no limit.</summary>
    public long? MaxFunctionBodyBytes { get; init; } = 64L << 20;

    /// <summary>How often the idler and the autoscaler look at every function.</summary>
    public TimeSpan ScalingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Scale-down window used when a function has no <c>com.openfaas.scale.down.window</c> label.</summary>
    public TimeSpan DefaultScaleDownWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The in-memory queue behind <c>/async-function/*</c>: its bounds, workers and retries.</summary>
    public AsyncOptions Async { get; init; } = new();

    /// <summary>Collects every problem with these options.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UpstreamTimeout <= TimeSpan.Zero)
        {
            errors.Add("UpstreamTimeout must be positive");
        }

        if (ScaleFromZeroTimeout <= TimeSpan.Zero)
        {
            errors.Add("ScaleFromZeroTimeout must be positive");
        }

        if (UnreadyHoldTimeout <= TimeSpan.Zero)
        {
            errors.Add("UnreadyHoldTimeout must be positive");
        }

        if (ReadinessPollInterval <= TimeSpan.Zero)
        {
            errors.Add("ReadinessPollInterval must be positive");
        }

        if (ReadinessFallbackPollInterval <= TimeSpan.Zero)
        {
            errors.Add("ReadinessFallbackPollInterval must be positive");
        }

        if (EndpointCacheTtl < TimeSpan.Zero)
        {
            errors.Add("EndpointCacheTtl must not be negative");
        }

        if (MaxSystemBodyBytes <= 0)
        {
            errors.Add("MaxSystemBodyBytes must be positive");
        }

        if (MaxArtifactBytes <= 0)
        {
            errors.Add("MaxArtifactBytes must be positive");
        }

        if (MaxFunctionBodyBytes is <= 0)
        {
            errors.Add("MaxFunctionBodyBytes must be positive or null");
        }

        if (ScalingInterval <= TimeSpan.Zero)
        {
            errors.Add("ScalingInterval must be positive");
        }

        if (DefaultScaleDownWindow < TimeSpan.Zero)
        {
            errors.Add("DefaultScaleDownWindow must not be negative");
        }

        errors.AddRange(Async.Validate());
        return errors;
    }
}
