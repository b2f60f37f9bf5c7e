using Harness.Core.Tests.Runs;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Node;

/// <summary>A node scenario's <c>thresholds:</c> are judged like any other kind's, once, by the run service.</summary>
[Collection(NodeDiskCollection.Name)]
public sealed class NodeScenarioThresholdTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-thresholds-").FullName;

    [Fact]
    public async Task A_missed_threshold_fails_a_node_scenario_and_its_row_shows_the_actual_value()
    {
        var parsed = ScenarioFileParser.Parse($$"""
            name: fsync-thresholds
            kind: etcd-fsync
            node: {size: 64k, fio: false, etcd: false, dir: "{{_dir}}"}
            thresholds:
              - fdatasync_limit_ms < 1
              - fdatasync_duration.count >= 1
            """, Path.Combine(_dir, "fsync.yml"));
        Assert.Empty(parsed.Diagnostics);
        var request = new RunRequest
        {
            Scenarios = [parsed.Scenario!],
            StartTarget = _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget()),
            OutputDirectory = Path.Combine(_dir, "out"),
        };

        var outcome = await RunService.Default.RunAsync(request, new NullRunObserver(), CancellationToken.None);

        var scenario = Assert.Single(outcome.Summary.Scenarios);
        Assert.Equal(ScenarioStatus.Failed, scenario.Status);
        Assert.Equal(1, outcome.ExitCode);
        // The scenario's own limit (fdatasync p99 < 10 ms) stays first; the file's thresholds follow, each with its actual value.
        Assert.Equal("fdatasync_duration", scenario.Thresholds[0].Metric);
        var limit = Assert.Single(scenario.Thresholds, t => t.Expression == "fdatasync_limit_ms < 1");
        Assert.False(limit.Passed);
        Assert.Equal(10, limit.Actual);
        Assert.Contains("actual 10", limit.Message, StringComparison.Ordinal);
        var count = Assert.Single(scenario.Thresholds, t => t.Expression == "fdatasync_duration.count >= 1");
        Assert.True(count.Passed);
        Assert.Equal(64 * 1024 / 2300, count.Actual);
        Assert.Equal(3, scenario.Thresholds.Count);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
