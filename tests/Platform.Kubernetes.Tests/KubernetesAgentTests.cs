using System.Diagnostics;
using Harness.Distributed;
using Harness.Load;
using Harness.Platform.Kubernetes.Tests.Fake;
using Harness.Results;
using Harness.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// Distributed runs on the fake Kubernetes API: the Job's pods are real <c>harness agent</c> processes on loopback, the
/// coordinator reaches them through the pod proxy, and after every outcome nothing of the run is left in the API or running.
/// </summary>
public sealed class KubernetesAgentTests : IAsyncLifetime
{
    private const string Namespace = "loadtest";
    private const string Image = "harness:test";
    private FakeKubernetesApi _api = null!;
    private readonly FakeJobKubelet _kubelet = new();

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        var launch = AgentLaunch.ThroughDotnet();
        _kubelet.Images[Image] = (launch.FileName, [.. launch.Prefix]);
        _api.JobKubelet = _kubelet;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Harness_run_with_two_kubernetes_agents_merges_their_segments_and_judges_thresholds_on_the_merge()
    {
        using var dir = new TempDirectory();
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(dir.Path, "merged.yml");
        // 60 arrivals in all, 30 per agent: each agent alone meets "requests < 50", the run does not.
        await File.WriteAllTextAsync(scenario, $$"""
            name: merged
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 30, duration: 2s}
            thresholds:
              - requests < 50
              - p99 < 10s
            """);
        var outDir = Path.Combine(dir.Path, "out");

        var run = await HarnessProcess.RunAsync(dir.Path, "run", scenario, "--agents", "2", "--agent-runtime", "kubernetes", "--kubeconfig", _api.KubeconfigPath,
            "--agent-namespace", Namespace, "--agent-image", Image, "--out", outDir, "--no-history", "--no-report");

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        var s = Assert.Single(summary.Scenarios);
        Assert.True(s.Status == ScenarioStatus.Failed, s.Error);
        Assert.Equal(60, s.Counters["planned_iterations"]);
        Assert.Equal(60, s.Counters["requests"] + s.Counters["dropped_iterations"]);
        var shares = s.Distributed!.Shares;
        Assert.Equal("kubernetes", s.Distributed.Runtime);
        Assert.Equal(["0/2:1/2", "1/2:2/2"], shares.Select(a => a.Segment));
        Assert.All(shares, a => Assert.Equal("done", a.Status));
        Assert.Equal(s.Counters["requests"], shares.Sum(a => a.Requests));
        Assert.All(shares, a => Assert.True(a.Requests < 50, $"agent {a.Index}: {a.Requests}"));
        Assert.Equal([false, true], s.Thresholds.Select(t => t.Passed));
        // Both pods ran as Indexed Job pods, and the coordinator talked to them through the pod proxy.
        Assert.Equal([0, 1], _kubelet.Pods.Select(p => p.Index).Order());
        Assert.Contains(_api.Requests, r => r.Method == "POST" && r.Path.Contains("/proxy/v1/prepare", StringComparison.Ordinal));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_killed_agent_pod_marks_the_run_keeps_what_was_measured_and_the_run_is_deleted()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Scenario("name: killed\nload: {model: constant-arrival-rate, rate: 40, duration: 60s}\n");
        var progress = new OnProgress(20, () => FakeJobKubelet.Kill(_kubelet.Pods.Single(p => p.Index == 1)));

        var result = await new AgentCoordinator(Runtime(), TimeProvider.System).RunAsync(scenario, server.Url, true, 2, progress, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Error, result.Status);
        Assert.Contains("merged and kept", result.Error, StringComparison.Ordinal);
        var shares = result.Distributed!.Shares;
        Assert.Equal("lost", shares[1].Status);
        Assert.Equal("done", shares[0].Status);
        Assert.True(result.Counters["requests"] >= 20, $"{result.Counters["requests"]} requests");
        Assert.Equal(shares.Sum(a => a.Requests), result.Counters["requests"]);
        Assert.True(result.Duration < TimeSpan.FromSeconds(50), result.Duration.ToString());
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Ctrl_c_stops_the_spread_agents_and_deletes_the_run()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Scenario("name: stopped\nload: {model: constant-vus, vus: 2, duration: 60s}\n");
        using var stop = new CancellationTokenSource();
        IReadOnlyList<System.Text.Json.Nodes.JsonObject> jobs = [];
        var progress = new OnProgress(10, () =>
        {
            jobs = _api.ListObjects("jobs", Namespace);
            stop.Cancel();
        });
        var runtime = new KubernetesAgentRuntime(Options() with { Kubeconfig = _api.KubeconfigPath, Spread = true, Cpu = "500m", Memory = "256Mi" }, TimeProvider.System);

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, server.Url, true, 2, progress, stop.Token);

        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.True(result.Counters["requests"] >= 10);
        Assert.All(result.Distributed!.Shares, a => Assert.Equal("done", a.Status));
        var pod = Assert.Single(jobs)["spec"]!["template"]!["spec"]!;
        Assert.Equal("kubernetes.io/hostname", pod["topologySpreadConstraints"]![0]!["topologyKey"]!.GetValue<string>());
        Assert.Equal("500m", pod["containers"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal("256Mi", pod["containers"]![0]!["resources"]!["requests"]!["memory"]!.GetValue<string>());
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Agents_whose_image_cannot_be_pulled_mark_the_scenario_and_leave_nothing()
    {
        var runtime = new KubernetesAgentRuntime(Options() with { Image = "harness:missing", Kubeconfig = _api.KubeconfigPath }, TimeProvider.System);
        var scenario = Scenario("name: broken\nload: {model: constant-arrival-rate, rate: 5, duration: 1s}\n");

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, new Uri("http://127.0.0.1:9/"), true, 2, null, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Error, result.Status);
        Assert.True(result.Error?.Contains("ErrImagePull", StringComparison.Ordinal), result.Error);
        Assert.All(result.Distributed!.Shares, a => Assert.Equal("not-started", a.Status));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_coordinator_killed_outright_leaves_a_job_that_ends_by_its_deadline_and_takes_what_it_owns_along()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _api.JobClock = clock;
        using var dir = new TempDirectory();
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(dir.Path, "killed.yml");
        // The agents come from the scenario's own distributed: section, as a user would write it.
        await File.WriteAllTextAsync(scenario, $$"""
            name: killed
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 20, duration: 120s}
            distributed: {agents: 2, runtime: kubernetes, image: "{{Image}}", namespace: {{Namespace}}, kubeconfig: "{{_api.KubeconfigPath}}"}
            """);
        var start = HarnessProcess.StartInfo(dir.Path, "run", scenario, "--out", Path.Combine(dir.Path, "out"), "--no-history", "--no-report");
        using (var coordinator = Process.Start(start)!)
        {
            coordinator.OutputDataReceived += (_, _) => { };
            coordinator.ErrorDataReceived += (_, _) => { };
            coordinator.BeginOutputReadLine();
            coordinator.BeginErrorReadLine();
            try
            {
                await Poll.UntilAsync(() => coordinator.HasExited || _api.Requests.Any(r => r.Method == "GET" && r.Path.Contains("/proxy/v1/status", StringComparison.Ordinal)),
                    TimeSpan.FromSeconds(90), "the coordinator to release its agents and poll them");
                Assert.False(coordinator.HasExited, $"the coordinator exited with {(coordinator.HasExited ? coordinator.ExitCode : 0)} before it was killed");
            }
            finally
            {
                // SIGKILL: no cleanup of its own runs.
                coordinator.Kill();
                await coordinator.WaitForExitAsync();
            }
        }

        var job = Assert.Single(_api.ListObjects("jobs", Namespace));
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        foreach (var resource in new[] { "secrets", "serviceaccounts" })
        {
            var owner = Assert.Single(Assert.Single(_api.ListObjects(resource, Namespace))["metadata"]!["ownerReferences"]!.AsArray())!;
            Assert.Equal(("Job", uid), (owner["kind"]!.GetValue<string>(), owner["uid"]!.GetValue<string>()));
        }

        // The deadline is the run's: the 180 s start, the 120 s plan, its timeouts and a margin; not a day.
        var deadline = job["spec"]!["activeDeadlineSeconds"]!.GetValue<long>();
        Assert.InRange(deadline, 180 + 120, 600);
        Assert.All(_kubelet.Pods, p => Assert.False(HasExited(p.Process!), $"{p.Name} exited before the deadline"));

        clock.Advance(TimeSpan.FromSeconds(deadline));

        var failed = Assert.Single(_api.ListObjects("jobs", Namespace))["status"]!["conditions"]![0]!;
        Assert.Equal(("Failed", "DeadlineExceeded"), (failed["type"]!.GetValue<string>(), failed["reason"]!.GetValue<string>()));
        Assert.Empty(_api.ListObjects("pods", Namespace));
        await Poll.UntilAsync(() => _kubelet.Pods.All(p => HasExited(p.Process!)), TimeSpan.FromSeconds(15), "the agents to be killed at the deadline");
        Assert.Single(_api.ListObjects("secrets", Namespace));

        clock.Advance(TimeSpan.FromSeconds(job["spec"]!["ttlSecondsAfterFinished"]!.GetValue<int>()));

        await AssertNothingLeftAsync();
    }

    private static DistributedOptions Options() => new() { Agents = 2, Runtime = DistributedOptions.Kubernetes, Namespace = Namespace, Image = Image };

    private KubernetesAgentRuntime Runtime() => new(Options() with { Kubeconfig = _api.KubeconfigPath }, TimeProvider.System);

    private static ScenarioDefinition Scenario(string yaml)
    {
        var parsed = ScenarioFileParser.Parse("target: {url: \"http://127.0.0.1:9/\"}\n" + yaml, "agents.yml");
        return parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
    }

    private async Task AssertNothingLeftAsync()
    {
        foreach (var resource in new[] { "jobs", "pods", "secrets", "serviceaccounts" })
        {
            Assert.Empty(_api.ListObjects(resource, Namespace).Select(o => o["metadata"]!["name"]!.GetValue<string>()).Select(n => $"{resource}/{n}"));
        }

        Assert.NotEmpty(_kubelet.Pods);
        // Deleting a pod kills its process; the exit itself is the kernel's, so wait for it with a deadline.
        await Poll.UntilAsync(() => _kubelet.Pods.All(p => p.Process is null || HasExited(p.Process)), TimeSpan.FromSeconds(15), "every agent process to exit");
    }

    private static bool HasExited(Process p)
    {
        try
        {
            return p.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Does something once, when the merged progress has seen enough requests.</summary>
    private sealed class OnProgress(long minimumRequests, Action act) : IProgress<LoadProgress>
    {
        private bool done;

        public void Report(LoadProgress value)
        {
            if (!done && value.Requests >= minimumRequests)
            {
                done = true;
                act();
            }
        }
    }
}
