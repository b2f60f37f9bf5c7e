using System.Xml.Linq;
using Harness.Cli;
using Harness.Cli.App;
using Harness.History;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.History;

public sealed class RunHistoryTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-runhistory-").FullName;

    [Fact]
    public async Task Each_run_is_recorded_with_its_profile_and_the_second_is_compared_with_the_first()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(dir, "quick.yml");
        await File.WriteAllTextAsync(scenario, $$"""
            name: quick
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 40, duration: 4s}
            regression: {tolerance: 500%}
            """);
        var outDir = Path.Combine(dir, "out");
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);

        var first = await app.RunAsync(["run", scenario, "--out", outDir, "--no-report", "--profile", "smoke", "--pin-baseline", "first"]);
        var second = await app.RunAsync(["run", scenario, "--out", outDir, "--profile", "smoke", "--baseline", "first"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        Assert.Equal("smoke", summary.Profile);
        // Smoke scales the 4 s load to 1 s: 40 requests.
        Assert.Equal(40, summary.Scenarios[0].Counters["requests"]);
        using var store = HistoryStore.OpenExisting(Path.Combine(outDir, "history.db"));
        var runs = store.ListRuns();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("smoke", r.Profile));
        Assert.Equal(runs[1].RunId, store.GetBaseline("first"));
        Assert.Contains(runs[0].Metrics, m => m.Metric == "http_req_duration" && m.Summary.Histogram is not null);
        var junit = XDocument.Load(Path.Combine(outDir, "junit.xml"));
        var regression = Assert.Single(junit.Descendants("testsuite"), s => s.Attribute("name")!.Value == "regressions");
        Assert.Contains(regression.Elements("testcase"), c => c.Attribute("name")!.Value == "http_req_duration" && c.Element("failure") is null);
        Assert.Contains("+500%", second.Output, StringComparison.Ordinal);
        Assert.Contains($"## Against the baseline (run `{runs[1].RunId}`)", await File.ReadAllTextAsync(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "report.pdf")));
    }

    [Fact]
    public async Task A_bad_profile_or_tolerance_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", "x.yml", "--profile", "huge"]));
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", "x.yml", "--tolerance", "ten"]));
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["compare", "--tolerance", "ten"]));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
