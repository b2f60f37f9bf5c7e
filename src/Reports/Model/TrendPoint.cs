namespace Harness.Reports.Model;

/// <summary>One recorded run's value of one metric, for the report's trends page (oldest first within a metric).</summary>
public sealed record TrendPoint(string Scenario, string Metric, string RunId, DateTimeOffset StartedAt, double P50, double P99, bool IsBaseline);
