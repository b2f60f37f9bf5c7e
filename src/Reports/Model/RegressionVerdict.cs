namespace Harness.Reports.Model;

/// <summary>One metric's verdict against the baseline run, for summary.md (computed by the harness's history).</summary>
/// <param name="Scenario">The scenario the metric belongs to.</param>
/// <param name="Metric">The compared metric (p99 latency, error rate, ...).</param>
/// <param name="Verdict">The comparison's word for it (regressed, improved, unchanged, ...), shown as is.</param>
/// <param name="IsRegression">True when the change is a regression: summary.md marks the row with a cross.</param>
/// <param name="Message">The figures behind the verdict (baseline, this run, the change), shown as the row's detail.</param>
public sealed record RegressionVerdict(string Scenario, string Metric, string Verdict, bool IsRegression, string Message);
