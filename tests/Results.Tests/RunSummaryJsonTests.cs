namespace Harness.Results.Tests;

public sealed class RunSummaryJsonTests
{
    private static RunSummary Sample() => new()
    {
        RunId = "r1",
        StartedAt = DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        FinishedAt = DateTimeOffset.Parse("2026-11-28T00:02:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Target = new TargetInfo { Name = "local", Kind = "embedded" },
        Environment = new EnvironmentInfo { Cpus = 2 },
        Scenarios =
        [
            new ScenarioResult
            {
                Name = "throughput",
                Kind = "throughput",
                Status = ScenarioStatus.Passed,
                Metrics = new Dictionary<string, MetricSummary> { ["http_req_duration"] = new() { Count = 10, P50 = 1.5, P99 = 9.25, P999 = 12 } },
                Series = [new TimeSeries { Name = "rps", Points = [new SeriesPoint(1, 100)] }],
                Thresholds = [new ThresholdResult { Expression = "p99 < 250ms", Metric = "http_req_duration", Actual = 9.25, Passed = true }],
            },
        ],
    };

    [Fact]
    public void Round_trips_with_percentile_names_and_string_enums()
    {
        var json = RunSummaryJson.Serialize(Sample());

        Assert.Contains("\"p99\": 9.25", json, StringComparison.Ordinal);
        Assert.Contains("\"p999\": 12", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"passed\"", json, StringComparison.Ordinal);
        var back = RunSummaryJson.Deserialize(json, "mem");
        Assert.Equal(9.25, back.Scenarios[0].Metrics["http_req_duration"].P99);
        Assert.Equal(ScenarioStatus.Passed, back.Scenarios[0].Status);
    }

    [Fact]
    public void A_newer_schema_is_refused_with_the_file_name()
    {
        var json = RunSummaryJson.Serialize(Sample() with { SchemaVersion = RunSummary.CurrentSchemaVersion + 1 });

        var ex = Assert.Throws<InvalidDataException>(() => RunSummaryJson.Deserialize(json, "results.json"));

        Assert.StartsWith("results.json:", ex.Message, StringComparison.Ordinal);
    }
}
