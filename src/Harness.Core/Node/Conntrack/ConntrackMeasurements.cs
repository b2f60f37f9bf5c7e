using Harness.Sampling;

namespace Harness.Node.Conntrack;

/// <summary>What a conntrack run observed: samples over time, the load (if any) and the table's TIME_WAIT timeout.</summary>
internal sealed record ConntrackMeasurements
{
    /// <summary>"lab" (isolated namespaces, churn load) or "node" (observe the node as it is).</summary>
    public required string Mode { get; init; }
    public required string Where { get; init; }
    public required IReadOnlyList<SamplerSnapshot> Samples { get; init; }
    public double TimeWaitTimeoutSeconds { get; init; } = 120;
    public ChurnResult? Churn { get; init; }
    public double LoadStart { get; init; }
    public double LoadEnd { get; init; }
    /// <summary>The churn the target file says to expect, when no load was driven.</summary>
    public double? ExpectedNewConnectionsPerSecond { get; init; }
    /// <summary>Set in reproduce mode: the global nf_conntrack_max during this run, and what it was before.</summary>
    public long? TemporaryMax { get; init; }
    public long? OriginalMax { get; init; }
}
