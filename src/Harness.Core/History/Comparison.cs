namespace Harness.History;

/// <summary>The outcome of comparing two recorded runs.</summary>
internal sealed record Comparison(HistoryRun Baseline, HistoryRun Candidate, IReadOnlyList<MetricComparison> Metrics)
{
    public bool HasRegression => Metrics.Any(m => m.Verdict == Verdict.Regression);
}
