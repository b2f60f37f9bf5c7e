using Harness.History;
using Harness.Results;
using HdrHistogram;

namespace Harness.Core.Tests.History;

/// <summary>Builds runs with latency histograms drawn from a seeded log-normal distribution.</summary>
internal static class SyntheticRuns
{
    public static MetricSummary Latency(double medianMs, double sigma, int count, int seed)
    {
        var random = new Random(seed);
        var h = new LongHistogram(60_000_000, 3);
        for (var i = 0; i < count; i++)
        {
            // Box-Muller normal → log-normal around the median.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            h.RecordValue(Math.Max(1, (long)(medianMs * 1000 * Math.Exp(sigma * z))));
        }

        return MetricHistogram.Summarize(h);
    }

    public static RunSummary Run(string id, DateTimeOffset at, params (string Scenario, MetricSummary Metric)[] metrics) => new()
    {
        RunId = id,
        StartedAt = at,
        FinishedAt = at.AddMinutes(2),
        Profile = "smoke",
        Target = new TargetInfo { Name = "local", Kind = "embedded" },
        Environment = new EnvironmentInfo { Hostname = "ci-1", Cpus = 2, GitCommit = "abc123", Kernel = "6.1" },
        Scenarios = metrics.GroupBy(m => m.Scenario).Select(g => new ScenarioResult
        {
            Name = g.Key,
            Kind = "http",
            Status = ScenarioStatus.Passed,
            ScenarioHash = "hash-" + g.Key,
            Metrics = g.Select((m, i) => (m, i)).ToDictionary(p => p.i == 0 ? "http_req_duration" : $"metric_{p.i}", p => p.m.Metric),
            Thresholds = [new ThresholdResult { Expression = "p99 < 250ms", Metric = "http_req_duration", Actual = 12, Unit = "ms", Passed = true }],
        }).ToList(),
    };
}
