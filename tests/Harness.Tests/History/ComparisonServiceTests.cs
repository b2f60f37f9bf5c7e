using Harness.Core.Tests.History;
using Harness.History;

namespace Harness.Tests.History;

public sealed class ComparisonServiceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("harness-compare-").FullName;
    private readonly DateTimeOffset t0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Compare_defaults_to_latest_vs_previous_and_exits_1_on_a_regression()
    {
        var db = Path.Combine(directory, "history.db");
        using (var store = HistoryStore.Open(db))
        {
            store.Record(SyntheticRuns.Run("r1", t0, ("api", SyntheticRuns.Latency(20, 0.2, 1000, 1))));
            store.Record(SyntheticRuns.Run("r2", t0.AddDays(1), ("api", SyntheticRuns.Latency(20, 0.2, 1000, 2))));
            store.Record(SyntheticRuns.Run("r3", t0.AddDays(2), ("api", SyntheticRuns.Latency(30, 0.2, 1000, 3))));
            var (result, error) = ComparisonService.Compare(store, new ComparisonRequest());
            Assert.Null(error);
            Assert.Equal(("r2", "r3"), (result!.Baseline.RunId, result.Candidate.RunId));
            Assert.True(result.HasRegression);
            store.SetBaseline("release", "r1", t0);
            Assert.Equal("r1", ComparisonService.Compare(store, new ComparisonRequest { BaselineName = "release" }).Result!.Baseline.RunId);
            Assert.Contains("no baseline named", ComparisonService.Compare(store, new ComparisonRequest { BaselineName = "nope" }).Error);
        }

        var app = new Spectre.Console.Cli.Testing.CommandAppTester();
        app.Configure(Harness.Cli.App.HarnessApp.Configure);
        var junit = Path.Combine(directory, "regressions.xml");
        var regressed = await app.RunAsync(["compare", "--history", db, "--junit", junit]);
        Assert.Equal(1, regressed.ExitCode);
        Assert.Contains("REGRESSION", regressed.Output);
        Assert.Contains("type=\"regression\"", await File.ReadAllTextAsync(junit));
        Assert.Equal(0, (await app.RunAsync(["compare", "r1", "r2", "--history", db])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["compare", "--history", db, "--tolerance", "80%"])).ExitCode);
        Assert.Equal(2, (await app.RunAsync(["compare", "--history", Path.Combine(directory, "missing.db")])).ExitCode);
        var history = await app.RunAsync(["history", "--history", db, "--scenario", "api"]);
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("r3", history.Output);
        Assert.Equal(0, (await app.RunAsync(["baseline", "set", "nightly", "r2", "--history", db])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["compare", "--baseline", "nightly", "--history", db, "--tolerance", "60"])).ExitCode);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
