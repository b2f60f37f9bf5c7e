using System.Diagnostics;
using Harness.Distributed;
using Harness.Load;
using Harness.Results;
using Harness.Scenarios;

namespace Harness.Tests.Distributed;

/// <summary>The coordinator with real <c>harness agent</c> processes on loopback: the normal run, a killed agent, Ctrl-C, agents that cannot start.</summary>
public sealed class LocalAgentTests
{
    [Fact]
    public async Task Three_agents_run_their_segments_and_merge_into_the_whole_plan()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var runtime = new RecordingRuntime(new LocalAgentRuntime(AgentLaunch.ThroughDotnet()));
        var scenario = Scenario("name: three\nload: {model: constant-arrival-rate, rate: 50, duration: 2s}\n");

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, server.Url, true, 3, null, CancellationToken.None);

        Assert.True(result.Status == ScenarioStatus.Passed, result.Error);
        Assert.Equal(100, result.Counters["planned_iterations"]);
        Assert.Equal(100, result.Counters["requests"] + result.Counters["dropped_iterations"]);
        Assert.Equal(result.Counters["requests"], result.Metrics["http_req_duration"].Count);
        var run = result.Distributed!;
        Assert.Equal(3, run.Agents);
        Assert.Equal(["0/3:1/3", "1/3:2/3", "2/3:3/3"], run.Shares.Select(s => s.Segment));
        Assert.All(run.Shares, s => Assert.Equal("done", s.Status));
        Assert.Equal([34L, 33, 33], run.Shares.Select(s => s.Requests + s.Dropped));
        Assert.NotNull(run.StartSkewMs);
        Assert.All(run.Shares, s => Assert.True(s.StartOffsetMs >= 0, $"agent {s.Index} started before the barrier"));
        Assert.Contains(result.Tables, t => t.Title.StartsWith("Agents (local)", StringComparison.Ordinal));
        Assert.Equal(result.Counters["requests"], (long)result.Series.Single(s => s.Name == "rps").Points.Sum(p => p.Value));
        AssertNoneRunning(runtime);
    }

    [Fact]
    public async Task A_killed_agent_marks_the_run_stops_the_others_and_keeps_what_was_measured()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var runtime = new RecordingRuntime(new LocalAgentRuntime(AgentLaunch.ThroughDotnet()));
        var scenario = Scenario("name: killed\nload: {model: constant-arrival-rate, rate: 40, duration: 60s}\n");
        var progress = new KillOnProgress(runtime, minimumRequests: 20);

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, server.Url, true, 3, progress, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Error, result.Status);
        Assert.Contains("exited", result.Error, StringComparison.Ordinal);
        Assert.Contains("merged and kept", result.Error, StringComparison.Ordinal);
        var shares = result.Distributed!.Shares;
        Assert.Equal("lost", shares[1].Status);
        Assert.Equal(["done", "done"], new[] { shares[0].Status, shares[2].Status });
        // Measured data is kept: the survivors' whole runs and what the dead agent reported before it died.
        Assert.True(result.Counters["requests"] >= 20, $"{result.Counters["requests"]} requests");
        Assert.Equal(shares.Sum(s => s.Requests), result.Counters["requests"]);
        // The others were stopped long before the plan's 60 s.
        Assert.True(result.Duration < TimeSpan.FromSeconds(45), result.Duration.ToString());
        AssertNoneRunning(runtime);
    }

    [Fact]
    public async Task Ctrl_c_stops_every_agent_and_keeps_the_merge()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var runtime = new RecordingRuntime(new LocalAgentRuntime(AgentLaunch.ThroughDotnet()));
        var scenario = Scenario("name: stopped\nload: {model: constant-vus, vus: 2, duration: 60s}\n");
        using var stop = new CancellationTokenSource();
        var progress = new CancelOnProgress(stop, minimumRequests: 10);

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, server.Url, true, 2, progress, stop.Token);

        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.True(result.Counters["requests"] >= 10);
        Assert.All(result.Distributed!.Shares, s => Assert.Equal("done", s.Status));
        AssertNoneRunning(runtime);
    }

    [Fact]
    public async Task Agents_that_cannot_start_mark_the_scenario_and_leave_nothing_running()
    {
        var runtime = new RecordingRuntime(new LocalAgentRuntime(new AgentLaunch("/bin/sh", ["-c", "echo no such agent >&2; exit 3", "sh"])));
        var scenario = Scenario("name: broken\nload: {model: constant-arrival-rate, rate: 5, duration: 1s}\n");

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, new Uri("http://127.0.0.1:9/"), true, 2, null, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Error, result.Status);
        Assert.Contains("no such agent", result.Error, StringComparison.Ordinal);
        Assert.All(result.Distributed!.Shares, s => Assert.Equal("not-started", s.Status));
        Assert.Equal(0, result.Counters["requests"]);
    }

    [Fact]
    public async Task An_agent_refuses_work_without_the_runs_token()
    {
        await using var server = await AgentServer.StartAsync("http://127.0.0.1:0", "secret-token", TimeProvider.System, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var anonymous = await client.PostAsync("v1/shutdown", null);
        client.DefaultRequestHeaders.Add(AgentServer.TokenHeader, "wrong");
        using var wrong = await client.GetAsync("v1/status");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(server.ShutdownRequested.IsCompleted);
    }

    private static ScenarioDefinition Scenario(string yaml)
    {
        var parsed = ScenarioFileParser.Parse("target: {url: \"http://127.0.0.1:9/\"}\n" + yaml, "agents.yml");
        return parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
    }

    private static void AssertNoneRunning(RecordingRuntime runtime)
    {
        Assert.NotEmpty(runtime.ProcessIds);
        foreach (var pid in runtime.ProcessIds)
        {
            Assert.False(IsRunning(pid), $"agent pid {pid} is still running");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Wraps a runtime to remember its agents' processes.</summary>
    private sealed class RecordingRuntime(IAgentRuntime inner) : IAgentRuntime
    {
        public List<int> ProcessIds { get; } = [];

        public string Name => inner.Name;

        public async Task<IAgentPool> StartAsync(int count, string token, TimeSpan? length, CancellationToken cancellationToken)
        {
            var pool = await inner.StartAsync(count, token, length, cancellationToken);
            ProcessIds.AddRange(pool.Agents.Select(a => a.ProcessId!.Value));
            return pool;
        }
    }

    /// <summary>Kills agent 1 outright (SIGKILL) once the run has measured something.</summary>
    private sealed class KillOnProgress(RecordingRuntime runtime, long minimumRequests) : IProgress<LoadProgress>
    {
        private bool killed;

        public void Report(LoadProgress value)
        {
            if (!killed && value.Requests >= minimumRequests)
            {
                killed = true;
                using var p = Process.GetProcessById(runtime.ProcessIds[1]);
                p.Kill();
            }
        }
    }

    private sealed class CancelOnProgress(CancellationTokenSource stop, long minimumRequests) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.Requests >= minimumRequests)
            {
                stop.Cancel();
            }
        }
    }
}
