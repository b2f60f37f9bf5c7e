using Harness.Cli.App;
using Harness.Distributed;
using Harness.Results;
using Harness.Runs;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Distributed;

/// <summary>
/// Which scenario kinds are spread over agents: the kinds that are one load plan (http, throughput, connection-churn)
/// are, through the same coordinator; every other kind refuses agents before the run starts, naming the kind and why.
/// </summary>
public sealed class DistributedKindsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    [Theory]
    [InlineData("capacity", "target: {url: \"http://127.0.0.1:9/\"}\ncapacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 30}\n", "its ramp stops at the first step that breaks")]
    [InlineData("cold-start", "coldStart: {functions: [echo]}\n", "it times single first requests after a scale to zero")]
    [InlineData("deployment-churn", "churn: {functions: 2}\n", "control-plane calls in order")]
    [InlineData("conntrack", "", "it probes the node from this machine")]
    public void A_kind_that_is_not_one_load_plan_refuses_agents_naming_the_kind_and_why(string kind, string body, string why)
    {
        var file = Write($"{kind}.yml", $"name: {kind}-x\nkind: {kind}\n{body}");

        var run = RunSetup.Prepare(new RunSetupOptions { ScenarioFiles = [file], Distributed = new DistributedSection { Agents = 2 } });

        var refusal = Assert.Single(run.Diagnostics, d => d.File == file && d.Field == "kind");
        Assert.StartsWith($"a {kind} scenario cannot be spread over agents (--agents 2): ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
        Assert.False(run.CanStart);
    }

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

    public void Dispose() => dir.Dispose();

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

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
