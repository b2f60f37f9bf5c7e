namespace Harness.Reports.Model;

/// <summary>One recorded run's value of one metric, for the report's trends page (oldest first within a metric).</summary>
/// <param name="Scenario">The scenario the metric belongs to.</param>
/// <param name="Metric">The metric this point is a value of; one chart per scenario and metric.</param>
/// <param name="RunId">The recorded run the value comes from.</param>
/// <param name="StartedAt">When that run started: the point's place on the time axis.</param>
/// <param name="P50">The run's median of the metric.</param>
/// <param name="P99">The run's 99th percentile of the metric.</param>
/// <param name="IsBaseline">True for the baseline run, which the chart marks.</param>
public sealed record TrendPoint(string Scenario, string Metric, string RunId, DateTimeOffset StartedAt, double P50, double P99, bool IsBaseline);
