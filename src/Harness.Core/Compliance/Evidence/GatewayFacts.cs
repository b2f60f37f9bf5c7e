using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>What a running gateway answered to requests sent without credentials.</summary>
internal sealed record GatewayFacts
{
    public required string Url { get; init; }
    /// <summary>HTTP status of GET /system/functions without credentials, or null when unreachable.</summary>
    public int? FunctionsStatusWithoutAuth { get; init; }
    public int? InfoStatusWithoutAuth { get; init; }
    public string? Provider { get; init; }
    public string? Orchestration { get; init; }
    /// <summary><c>provider.sandbox</c> from /system/info; null when the gateway does not report one.</summary>
    public SandboxFacts? Sandbox { get; init; }
    /// <summary>The gateway's request-body limit in bytes, when known; null when the gateway does not say.</summary>
    public long? BodyLimit { get; init; }
    /// <summary>The gateway's upstream (function) timeout, when known; null when the gateway does not say.</summary>
    public TimeSpan? UpstreamTimeout { get; init; }
    /// <summary>True for a Harness gateway (its provider is harness-local or harness-kubernetes).</summary>
    public bool IsHarness => Provider is "harness-local" or "harness-kubernetes";
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
}
