using Harness.Load;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Runs;

public sealed class RunServiceTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-runservice-").FullName;

    [Fact]
    public async Task Stopping_a_run_writes_what_was_measured_and_skips_the_rest()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var first = Parse("first", server.Url, "30s");
        var second = Parse("second", server.Url, "30s");
        using var stop = new CancellationTokenSource();
        var observer = new StopAfterFirstProgress(stop);
        var request = new RunRequest
        {
            Scenarios = [first, second],
            StartTarget = _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget()),
            OutputDirectory = dir,
        };

        var outcome = await RunService.Default.RunAsync(request, observer, stop.Token);

        Assert.True(outcome.Summary.Interrupted);
        Assert.Equal(130, outcome.ExitCode);
        var written = await RunSummaryJson.ReadAsync(Path.Combine(dir, "results.json"), CancellationToken.None);
        Assert.True(written.Interrupted);
        Assert.True(written.Scenarios[0].Counters["requests"] > 0);
        Assert.True(written.Scenarios[0].Duration < TimeSpan.FromSeconds(20));
        Assert.Equal(ScenarioStatus.Skipped, written.Scenarios[1].Status);
        // Part of a plan is neither a pass nor a failure: it says so everywhere.
        Assert.Equal(ScenarioStatus.Interrupted, written.Scenarios[0].Status);
        Assert.Contains("\"status\": \"interrupted\"", File.ReadAllText(Path.Combine(dir, "results.json")), StringComparison.Ordinal);
        Assert.Contains("interrupted", File.ReadAllText(Path.Combine(dir, "junit.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_in_which_no_request_succeeded_fails_even_without_thresholds()
    {
        // Port 9 (discard) on loopback: nothing listens, every connection is refused at once.
        var request = new RunRequest
        {
            Scenarios = [Parse("refused", new Uri("http://127.0.0.1:9/"), "1s")],
            StartTarget = _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget()),
            OutputDirectory = dir,
        };

        var outcome = await RunService.Default.RunAsync(request, new StopAfterFirstProgress(new CancellationTokenSource()), CancellationToken.None);

        var scenario = Assert.Single(outcome.Summary.Scenarios);
        Assert.True(scenario.Counters["requests"] > 0);
        Assert.Equal(scenario.Counters["requests"], scenario.Counters["errors"]);
        Assert.Equal(ScenarioStatus.Failed, scenario.Status);
        Assert.Contains(scenario.Notes, n => n.Contains("succeeded", StringComparison.Ordinal));
        Assert.Equal(1, outcome.ExitCode);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private ScenarioDefinition Parse(string name, Uri url, string duration)
    {
        var result = ScenarioFileParser.Parse($$"""
            name: {{name}}
            target: {url: "{{url}}"}
            load: {model: constant-arrival-rate, rate: 20, duration: {{duration}}}
            """, Path.Combine(dir, name + ".yml"));
        return result.Scenario!;
    }

    /// <summary>Plays the user pressing Ctrl-C once the first scenario has shown progress with some requests done.</summary>
    private sealed class StopAfterFirstProgress(CancellationTokenSource stop) : IRunObserver
    {
        public void ScenarioStarting(ScenarioDefinition scenario, int index, int count)
        {
        }

        public void Progress(ScenarioDefinition scenario, LoadProgress progress)
        {
            if (progress.Requests > 5)
            {
                stop.Cancel();
            }
        }

        public void Status(ScenarioDefinition scenario, string status)
        {
        }

        public void ScenarioFinished(ScenarioDefinition scenario, ScenarioResult result)
        {
        }
    }
}
