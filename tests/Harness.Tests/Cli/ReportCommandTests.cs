using Harness.Cli;
using Harness.Cli.App;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-report-").FullName;

    [Fact]
    public void Writes_a_pdf_and_a_markdown_summary_from_results_json()
    {
        var results = WriteResults();
        var pdf = Path.Combine(_dir, "r.pdf");
        var md = Path.Combine(_dir, "s.md");

        var a = Run("report", results, "-o", pdf);
        var b = Run("report", results, "--format", "md", "-o", md);

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.StartsWith("%PDF-", File.ReadAllText(pdf)[..8], StringComparison.Ordinal);
        Assert.Contains("# Harness report: cli-target", File.ReadAllText(md), StringComparison.Ordinal);
        Assert.False(File.Exists(pdf + ".tmp"));
    }

    [Fact]
    public void Bad_arguments_are_all_reported_with_exit_2()
    {
        var result = Run("report", Path.Combine(_dir, "missing.json"), "--format", "xls", "--dataset", Path.Combine(_dir, "nope.yml"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("'xls' is not pdf or md", result.Output, StringComparison.Ordinal);
        Assert.Contains("missing.json: results file not found", result.Output, StringComparison.Ordinal);
        Assert.Contains("nope.yml", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_dataset_is_refused_and_no_report_is_left_behind()
    {
        var results = WriteResults();
        var dataset = Path.Combine(_dir, "mine.yml");
        File.WriteAllText(dataset, "meta: {}\n");
        var pdf = Path.Combine(_dir, "r.pdf");

        var result = Run("report", results, "--dataset", dataset, "-o", pdf);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("mine.yml", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
        Assert.False(File.Exists(pdf + ".tmp"));
    }

    [Fact]
    public async Task Harness_run_writes_the_pdf_report_and_the_markdown_summary_next_to_results_json()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(_dir, "quick.yml");
        File.WriteAllText(scenario, $$"""
            name: quick
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 20, duration: 1s}
            """);
        var outDir = Path.Combine(_dir, "out");

        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var result = await app.RunAsync(["run", scenario, "--out", outDir]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("%PDF-", File.ReadAllText(Path.Combine(outDir, "report.pdf"))[..8], StringComparison.Ordinal);
        Assert.Contains("| quick |", File.ReadAllText(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_report_prints_pages_size_and_times()
    {
        var result = Run("bench", "report", "--rounds", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PDF size", result.Output, StringComparison.Ordinal);
        Assert.Contains("median of 1", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteResults()
    {
        var start = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var run = new RunSummary
        {
            RunId = "cli-1",
            StartedAt = start,
            FinishedAt = start.AddSeconds(30),
            Target = new TargetInfo { Name = "cli-target", Kind = "embedded" },
            Environment = new EnvironmentInfo { Cpus = 2 },
            Scenarios =
            [
                new ScenarioResult
                {
                    Name = "t", Kind = "throughput", Status = ScenarioStatus.Passed, Duration = TimeSpan.FromSeconds(10),
                    Metrics = new Dictionary<string, MetricSummary> { ["http_req_duration"] = new() { Count = 100, Mean = 2, P50 = 1.8, P90 = 2.5, P99 = 4, P999 = 5, Max = 6 } },
                    Series = [new TimeSeries { Name = "rps", Unit = "req/s", Points = [new SeriesPoint(1, 10), new SeriesPoint(2, 11)] }],
                },
            ],
        };
        var path = Path.Combine(_dir, "results.json");
        File.WriteAllText(path, RunSummaryJson.Serialize(run));
        return path;
    }

    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return app.Run(args);
    }
}
