namespace Harness.Reports.Model;

/// <summary>One metric's verdict against the baseline run, for summary.md (computed by the harness's history).</summary>
public sealed record RegressionVerdict(string Scenario, string Metric, string Verdict, bool IsRegression, string Message);
