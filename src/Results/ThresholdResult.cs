namespace Harness.Results;

/// <summary>A k6-style threshold and whether the run met it.</summary>
public sealed record ThresholdResult
{
    /// <summary>As written, e.g. <c>p99 &lt; 250ms</c>.</summary>
    public required string Expression { get; init; }
    public required string Metric { get; init; }
    public double? Actual { get; init; }
    public string Unit { get; init; } = "";
    public required bool Passed { get; init; }
    public string? Message { get; init; }
}
