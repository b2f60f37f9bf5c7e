using System.Diagnostics;
using Harness.History;
using Harness.Results;

namespace Harness.Tests.Runs;

/// <summary><c>kill -9</c> of a real <c>harness run</c> loses at most the scenario that was running.</summary>
public sealed class KilledRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-killed-run-").FullName;

    [Fact]
    public async Task A_run_killed_during_its_second_scenario_keeps_the_first_in_results_json_and_history()
    {
        var output = Path.Combine(_dir, "out");
        using var run = TwoScenarioRun.Start(_dir, output);
        var results = Path.Combine(output, "results.json");
        try
        {
            await Poll.UntilAsync(() => File.Exists(results) && File.Exists(Path.Combine(output, "history.db")), TimeSpan.FromSeconds(60), "the checkpoint after the first scenario");
        }
        finally
        {
            run.Kill(); // SIGKILL: no handler, no final write
            await run.WaitForExitAsync();
        }

        var kept = await RunSummaryJson.ReadAsync(results, CancellationToken.None);
        Assert.True(kept.Interrupted);
        Assert.Equal(["first", "second"], kept.Scenarios.Select(s => s.Name));
        Assert.True(kept.Scenarios[0].Counters["requests"] > 0);
        Assert.Equal(ScenarioStatus.Skipped, kept.Scenarios[1].Status);
        using var history = HistoryStore.OpenExisting(Path.Combine(output, "history.db"));
        Assert.Equal(kept.RunId, Assert.Single(history.ListRuns()).RunId);
        Assert.Empty(Directory.EnumerateFiles(output, ".tmp-*"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
