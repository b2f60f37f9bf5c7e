using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Tests.Content;

public sealed class TrendsSectionTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("harness-trends-").FullName;

    [PopplerFact]
    public void A_run_with_history_gets_a_trends_page_with_the_baseline_marked_and_none_without()
    {
        var run = RunSummaryJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "results.json")), "Fixtures/results.json");
        var t0 = run.StartedAt.AddDays(-6);
        var trends = Enumerable.Range(0, 6)
            .SelectMany(i => new[]
            {
                new TrendPoint("hello-throughput", "http_req_duration", $"2026110{i + 1}T020000Z", t0.AddDays(i), 10 + i, 30 + 2 * i, i == 2),
                new TrendPoint("cold-start", "cold_start_ms", $"2026110{i + 1}T020000Z", t0.AddDays(i), 200 - i, 400, i == 2),
            })
            .ToList();
        var with = Path.Combine(directory, "with.pdf");
        var without = Path.Combine(directory, "without.pdf");
        ReportGenerator.WritePdf(run, with, new ReportOptions { Trends = trends });
        ReportGenerator.WritePdf(run, without);

        var text = string.Join(" ", Poppler.Pages(with));
        Assert.Contains("Trends", text, StringComparison.Ordinal);
        Assert.Contains("hello-throughput · http_req_duration: p50 and p99 (ms) over 6 runs", text, StringComparison.Ordinal);
        Assert.Contains("cold-start · cold_start_ms", text, StringComparison.Ordinal);
        Assert.Contains("baseline", text, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded runs from the history database", string.Join(" ", Poppler.Pages(without)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
