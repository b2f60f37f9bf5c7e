using System.Xml.Linq;
using Harness.Cli;
using Harness.Cli.App;
using Harness.Core.Tests.History;
using Harness.History;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.History;

/// <summary>The exit codes CI relies on: compare honours each scenario's own tolerance, run fails on a regression only with --fail-on-regression.</summary>
public sealed class RegressionExitTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-regression-exit-").FullName;
    private readonly DateTimeOffset t0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Compare_applies_the_tolerance_recorded_with_the_scenario_unless_tolerance_overrides_it()
    {
        var db = Path.Combine(dir, "history.db");
        using (var store = HistoryStore.Open(db))
        {
            // "lenient" allows 80%, "strict" nothing set (default 10%); both slow down by about 50%.
            store.Record(SyntheticRuns.Run("a", t0, ("lenient", SyntheticRuns.Latency(20, 0.1, 1000, 1))), new Dictionary<string, double> { ["lenient"] = 0.8 });
            store.Record(SyntheticRuns.Run("b", t0.AddDays(1), ("lenient", SyntheticRuns.Latency(30, 0.1, 1000, 2))), new Dictionary<string, double> { ["lenient"] = 0.8 });
            store.Record(SyntheticRuns.Run("c", t0.AddDays(2), ("strict", SyntheticRuns.Latency(20, 0.1, 1000, 3))));
            store.Record(SyntheticRuns.Run("d", t0.AddDays(3), ("strict", SyntheticRuns.Latency(30, 0.1, 1000, 4))));
            Assert.Equal(0.8, store.Load("b")!.Scenarios.Single().Tolerance);
            Assert.Null(store.Load("d")!.Scenarios.Single().Tolerance);
        }

        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        Assert.Equal(0, (await app.RunAsync(["compare", "a", "b", "--history", db])).ExitCode);
        Assert.Equal(1, (await app.RunAsync(["compare", "a", "b", "--history", db, "--tolerance", "10%"])).ExitCode);
        Assert.Equal(1, (await app.RunAsync(["compare", "c", "d", "--history", db])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["compare", "c", "d", "--history", db, "--tolerance", "80%"])).ExitCode);
    }

    [Fact]
    public async Task Run_exits_1_on_a_regression_only_with_fail_on_regression_and_junit_carries_the_verdict()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(dir, "quick.yml");
        await File.WriteAllTextAsync(scenario, $$"""
            name: quick
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 40, duration: 4s}
            thresholds: ["error_rate < 50%"]
            regression: {tolerance: 10%}
            """);
        var outDir = Path.Combine(dir, "out");
        var db = Path.Combine(outDir, "history.db");
        using (var store = HistoryStore.Open(db))
        {
            // A baseline no loopback HTTP call can match: a median of 5 µs.
            store.Record(SyntheticRuns.Run("fast", t0, ("quick", SyntheticRuns.Latency(0.005, 0.05, 1000, 1))));
            store.SetBaseline("fast", "fast", t0);
        }

        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var tolerated = await app.RunAsync(["run", scenario, "--out", outDir, "--no-report", "--profile", "smoke", "--baseline", "fast"]);
        Assert.Equal(0, tolerated.ExitCode);
        var failed = await app.RunAsync(["run", scenario, "--out", outDir, "--no-report", "--profile", "smoke", "--baseline", "fast", "--fail-on-regression"]);
        Assert.Equal(1, failed.ExitCode);

        var junit = XDocument.Load(Path.Combine(outDir, "junit.xml"));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Contains(cases, c => c.Attribute("name")!.Value == "error_rate < 50%" && c.Element("failure") is null);
        Assert.Contains(cases, c => c.Attribute("classname")!.Value == "regression.quick" && c.Attribute("name")!.Value == "http_req_duration"
            && (string?)c.Element("failure")?.Attribute("type") == "regression");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
