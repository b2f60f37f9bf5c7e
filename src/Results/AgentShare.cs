namespace Harness.Results;

/// <summary>One agent's part of a distributed scenario.</summary>
public sealed record AgentShare
{
    /// <summary>The agent's index (its Job completion index on Kubernetes).</summary>
    public required int Index { get; init; }
    /// <summary>Its execution segment in k6's notation, e.g. <c>1/4:2/4</c>.</summary>
    public required string Segment { get; init; }
    /// <summary>The fraction of the plan it ran.</summary>
    public double Share { get; init; }
    /// <summary>done, failed, lost (died or unreachable) or not-started.</summary>
    public required string Status { get; init; }
    /// <summary>Measured iterations it completed.</summary>
    public long Requests { get; init; }
    /// <summary>Of which errors.</summary>
    public long Errors { get; init; }
    /// <summary>Iterations it dropped (no free VU, or never sent by an overrun dispatcher).</summary>
    public long Dropped { get; init; }
    /// <summary>Its achieved rate over its measured window, requests per second.</summary>
    public double Rps { get; init; }
    /// <summary>How long after the barrier its plan actually began, in ms.</summary>
    public double? StartOffsetMs { get; init; }
    /// <summary>Why it failed or was lost.</summary>
    public string? Error { get; init; }
}
