namespace Harness.History;

/// <summary>One metric compared between a baseline run and a candidate: ratio of medians (candidate / baseline) with its bootstrap interval.</summary>
internal sealed record MetricComparison
{
    public required string Scenario { get; init; }
    public required string Metric { get; init; }
    public double BaselineMedian { get; init; }
    public double CandidateMedian { get; init; }
    public double Ratio { get; init; }
    public double Low { get; init; }
    public double High { get; init; }
    public double Tolerance { get; init; }
    public required Verdict Verdict { get; init; }
    /// <summary>Why, in one line (e.g. "median 10.0 → 15.0 ms, ×1.50 [1.47, 1.53] beyond +10%").</summary>
    public required string Message { get; init; }
}
