using Harness.Cli.App;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Distributed;

/// <summary>
/// <c>harness run --agents 2</c> spreads the kinds that are one load plan (throughput, connection-churn) over local
/// agents and merges them (which kinds refuse agents is in Harness.Core.Tests' DistributedKindsTests).
/// </summary>
public sealed class DistributedKindsCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();

    [Fact]
    public async Task A_throughput_scenario_is_spread_over_the_agents_and_merged()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var file = Write("tp.yml", $"name: tp\nkind: throughput\ntarget: {{url: \"{server.Url}\"}}\nload: {{model: constant-arrival-rate, rate: 40, duration: 2s}}\n");

        var s = await RunAsync(file);

        Assert.Equal("throughput", s.Kind);
        Assert.Equal(ScenarioStatus.Passed, s.Status);
        Assert.Equal(["0/2:1/2", "1/2:2/2"], s.Distributed!.Shares.Select(a => a.Segment));
        Assert.Equal(80, s.Counters["requests"] + s.Counters["dropped_iterations"]);
        Assert.Equal(s.Counters["requests"], s.Distributed.Shares.Sum(a => a.Requests));
        Assert.All(s.Distributed.Shares, a => Assert.True(a.Requests > 0, $"agent {a.Index} sent nothing"));
    }

    [Fact]
    public async Task A_connection_churn_scenario_is_spread_and_keeps_its_socket_figures()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var file = Write("churn.yml", $"name: churn\nkind: connection-churn\ntarget: {{url: \"{server.Url}\"}}\nload: {{model: constant-arrival-rate, rate: 40, duration: 2s}}\n");

        var s = await RunAsync(file);

        Assert.Equal("connection-churn", s.Kind);
        Assert.Equal(2, s.Distributed!.Shares.Count);
        Assert.Equal(s.Counters["requests"], s.Distributed.Shares.Sum(a => a.Requests));
        Assert.True(s.Values.ContainsKey("time_wait_max"));
        Assert.True(s.Values.ContainsKey("ephemeral_port_range"));
    }

    private async Task<ScenarioResult> RunAsync(string file)
    {
        var outDir = Path.Combine(dir.Path, "out-" + Path.GetFileNameWithoutExtension(file));
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var result = await app.RunAsync(["run", file, "--agents", "2", "--agent-runtime", "local", "--out", outDir, "--no-history", "--no-report"]);
        Assert.True(result.ExitCode == 0, result.Output);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        return Assert.Single(summary.Scenarios);
    }

    public void Dispose() => dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
