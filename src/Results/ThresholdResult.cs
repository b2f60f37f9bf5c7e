namespace Harness.Results;

/// <summary>A k6-style threshold and whether the run met it.</summary>
public sealed record ThresholdResult
{
    /// <summary>As written, e.g. <c>p99 &lt; 250ms</c>.</summary>
    public required string Expression { get; init; }
    /// <summary>The metric judged, with its aggregate.</summary>
    public required string Metric { get; init; }
    /// <summary>The measured value, when there was one.</summary>
    public double? Actual { get; init; }
    /// <summary>Unit of <see cref="Actual"/>.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Whether the threshold held.</summary>
    public required bool Passed { get; init; }
    /// <summary>Why it did not hold, or null.</summary>
    public string? Message { get; init; }
}
