using Harness.Results;
using Harness.Scenarios;
using Xunit.Abstractions;

namespace Harness.Core.Tests.Scenarios;

/// <summary>Each scenario kind, briefly, against the embedded platform.</summary>
public sealed class ScenarioEndToEndTests(EmbeddedPlatformFixture platform, ITestOutputHelper output) : IClassFixture<EmbeddedPlatformFixture>
{
    [Fact]
    public async Task Throughput_measures_the_gateway_against_a_direct_baseline()
    {
        var result = await RunAsync(new ThroughputRunner(), """
            name: tp
            kind: throughput
            target: {function: echo-cat, method: POST, body: "x"}
            load: {model: constant-arrival-rate, rate: 50, duration: 1s}
            thresholds: ["gateway_overhead_ratio > 0"]
            """);
        if (result is null)
        {
            return;
        }

        Assert.Equal(50, result.Counters["requests"]);
        Assert.Equal(50, result.Counters["direct_requests"]);
        Assert.Equal(0, result.Counters["errors"] + result.Counters["direct_errors"]);
        Assert.True(result.Values["gateway_overhead_ratio"] > 0);
        Assert.Contains(result.Tables, t => t.Title.StartsWith("Gateway overhead", StringComparison.Ordinal));
        Assert.Equal(ScenarioStatus.Passed, result.Status);
    }

    [Fact]
    public async Task Cold_start_scales_to_zero_and_splits_the_first_byte()
    {
        var result = await RunAsync(new ColdStartRunner(), """
            name: cs
            kind: cold-start
            coldStart: {functions: [echo-cat], repetitions: 1, warm: 2, scaleDownTimeout: 20s}
            """);
        if (result is null)
        {
            return;
        }

        Assert.Equal(ScenarioStatus.Passed, result.Status);
        Assert.Equal(1, result.Metrics["cold_start_ttfb_echo_cat"].Count);
        Assert.Equal(2, result.Metrics["warm_ttfb_echo_cat"].Count);
        var row = Assert.Single(Assert.Single(result.Tables).Rows);
        Assert.Equal("echo-cat", row[0]);
        Assert.Equal(ColdStartMethods.Gateway, row[1]);
        Assert.Equal("cat", row[3]);
        Assert.Equal(ColdStartMethods.Gateway, result.Properties["cold_start_method"]);
        // The gateway held the call while a replica started: its header gave a hold time.
        Assert.True(result.Values["replica_start_p50_ms_echo_cat"] > 0, string.Join(" | ", row));
        var status = await platform.Target!.Client.GetFunctionAsync("echo-cat");
        Assert.Equal(1, status!.Replicas);
    }

    [Fact]
    public async Task Connection_churn_samples_time_wait_beside_the_load()
    {
        var result = await RunAsync(new ConnectionChurnRunner(), """
            name: cc
            kind: connection-churn
            target: {function: echo-cat, method: POST, body: "x"}
            load: {model: constant-arrival-rate, rate: 50, duration: 1s}
            sampleInterval: 200ms
            """);
        if (result is null)
        {
            return;
        }

        Assert.Equal(50, result.Counters["requests"]);
        Assert.Equal(0, result.Counters["error_eaddrnotavail"]);
        Assert.Contains(result.Series, s => s.Name == "tcp_time_wait" && s.Points.Count >= 3);
        Assert.Contains(result.Series, s => s.Name == "ephemeral_ports_in_use");
        Assert.True(result.Values["time_wait_max"] > 0);
    }

    [Fact]
    public async Task Deployment_churn_times_deploy_to_ready_through_the_api()
    {
        var result = await RunAsync(new DeploymentChurnRunner(), """
            name: dc
            kind: deployment-churn
            churn: {functions: 2, cycles: 1, percent: 50, delay: 100ms, prefix: dctest}
            thresholds: ["errors == 0"]
            """);
        if (result is null)
        {
            return;
        }

        Assert.Equal(ScenarioStatus.Passed, result.Status);
        Assert.Equal(3, result.Metrics["deploy_ready"].Count);
        Assert.Equal(1, result.Metrics["delete_gone"].Count);
        var left = await platform.Target!.Client.ListFunctionsAsync();
        Assert.DoesNotContain(left, f => f.Name.StartsWith("dctest-", StringComparison.Ordinal));
    }

    /// <summary>Runs the scenario; null (with the reason printed) when the platform cannot run here.</summary>
    private async Task<ScenarioResult?> RunAsync(IScenarioRunner runner, string yaml)
    {
        if (platform.SkipReason is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return null;
        }

        var parsed = ScenarioFileParser.Parse(yaml, "test.yml");
        Assert.Empty(parsed.Diagnostics);
        var result = await runner.RunAsync(parsed.Scenario!, new ScenarioRunContext { Target = platform.Target! }, CancellationToken.None);
        output.WriteLine(Results.RunSummaryJson.Serialize(new RunSummary
        {
            RunId = "t",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Target = platform.Target!.Info,
            Environment = new EnvironmentInfo(),
            Scenarios = [result with { Series = [] }],
        }));
        return result;
    }
}
