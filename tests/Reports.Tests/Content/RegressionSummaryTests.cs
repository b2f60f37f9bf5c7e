using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Tests.Content;

public sealed class RegressionSummaryTests
{
    [Fact]
    public void Summary_md_lists_the_verdicts_against_the_baseline_only_when_there_are_some()
    {
        var run = RunSummaryJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "results.json")), "Fixtures/results.json");
        var md = MarkdownSummary.Write(run, new ReportOptions
        {
            BaselineRunId = "20261101T020000Z",
            Regressions =
            [
                new RegressionVerdict("hello-throughput", "http_req_duration", "REGRESSION", true, "median 10 → 15 ms, ×1.500"),
                new RegressionVerdict("cold-start", "cold_start_ms", "no change", false, "median 200 → 201 ms"),
            ],
        });
        Assert.Contains("## Against the baseline (run `20261101T020000Z`)", md, StringComparison.Ordinal);
        Assert.Contains("| hello-throughput | http_req_duration | ❌ REGRESSION | median 10 → 15 ms, ×1.500 |", md, StringComparison.Ordinal);
        Assert.Contains("| cold-start | cold_start_ms | no change |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Against the baseline", MarkdownSummary.Write(run), StringComparison.Ordinal);
    }
}
