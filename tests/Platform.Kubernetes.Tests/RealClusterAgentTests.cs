using System.Diagnostics;
using Harness.Distributed;
using Harness.Load;
using Harness.Results;
using Harness.Scenarios;
using k8s;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// Opt-in: the flow of <see cref="KubernetesAgentTests"/> on a real cluster (<c>HARNESS_KUBECONFIG</c>), with the harness
/// image imported on its nodes (<c>HARNESS_AGENT_IMAGE</c>) and a URL its pods can reach (<c>HARNESS_AGENT_TARGET_URL</c>,
/// e.g. an nginx Service); the namespace is <c>HARNESS_AGENT_NAMESPACE</c> (default <c>default</c>). Each test checks
/// that nothing of the run is left in the namespace afterwards.
/// </summary>
public sealed class RealClusterAgentTests
{
    private const string Ours = "app.kubernetes.io/managed-by=harness,app.kubernetes.io/component=agent";
    private static readonly string Kubeconfig = Environment.GetEnvironmentVariable("HARNESS_KUBECONFIG") ?? "";
    private static readonly string Image = Environment.GetEnvironmentVariable("HARNESS_AGENT_IMAGE") ?? "";
    private static readonly string TargetUrl = Environment.GetEnvironmentVariable("HARNESS_AGENT_TARGET_URL") ?? "";
    private static readonly string Namespace = Environment.GetEnvironmentVariable("HARNESS_AGENT_NAMESPACE") is { Length: > 0 } ns ? ns : "default";

    [RealClusterFact]
    public async Task Two_agents_run_their_segments_and_the_thresholds_are_judged_on_the_merge()
    {
        // 90 arrivals, 45 per agent: each agent alone meets "requests < 60", the run does not.
        var scenario = Scenario("name: real-merged\nload: {model: constant-arrival-rate, rate: 30, duration: 3s}\nthresholds: [requests < 60]\n");

        var result = ScenarioThresholds.Apply(scenario, await new AgentCoordinator(Runtime(), TimeProvider.System).RunAsync(scenario, new Uri(TargetUrl), true, 2, null, CancellationToken.None));

        Assert.True(result.Status == ScenarioStatus.Failed, result.Error);
        Assert.Equal(90, result.Counters["requests"] + result.Counters["dropped_iterations"]);
        Assert.All(result.Distributed!.Shares, a => Assert.Equal("done", a.Status));
        Assert.All(result.Distributed.Shares, a => Assert.True(a.Requests < 60, $"agent {a.Index}: {a.Requests}"));
        Assert.NotNull(result.Distributed.StartSkewMs);
        await AssertNothingLeftAsync();
    }

    [RealClusterFact]
    public async Task Ctrl_c_stops_the_agents_and_deletes_the_run()
    {
        var scenario = Scenario("name: real-stopped\nload: {model: constant-vus, vus: 2, duration: 120s}\n");
        using var stop = new CancellationTokenSource();
        var progress = new Progress<LoadProgress>(p =>
        {
            if (p.Requests >= 10)
            {
                stop.Cancel();
            }
        });

        var result = await new AgentCoordinator(Runtime(), TimeProvider.System).RunAsync(scenario, new Uri(TargetUrl), true, 2, progress, stop.Token);

        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.True(result.Counters["requests"] >= 10);
        await AssertNothingLeftAsync();
    }

    [RealClusterFact]
    public async Task Agents_whose_image_cannot_be_pulled_mark_the_scenario_and_leave_nothing()
    {
        var runtime = new KubernetesAgentRuntime(Options() with { Image = "harness.invalid/no-such-image:0" }, TimeProvider.System);
        var scenario = Scenario("name: real-broken\nload: {model: constant-arrival-rate, rate: 5, duration: 1s}\n");

        var result = await new AgentCoordinator(runtime, TimeProvider.System).RunAsync(scenario, new Uri(TargetUrl), true, 2, null, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Error, result.Status);
        Assert.True(result.Error?.Contains("Image", StringComparison.Ordinal), result.Error);
        await AssertNothingLeftAsync();
    }

    [RealClusterFact]
    public async Task A_killed_coordinators_job_has_a_deadline_and_owns_its_secret_and_service_account()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "real-killed.yml");
        await File.WriteAllTextAsync(file, $$"""
            name: real-killed
            target: {url: "{{TargetUrl}}"}
            load: {model: constant-arrival-rate, rate: 5, duration: 120s}
            distributed: {agents: 2, runtime: kubernetes, image: "{{Image}}", namespace: {{Namespace}}, kubeconfig: "{{Kubeconfig}}"}
            """);
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
        using (var coordinator = Process.Start(HarnessProcess.StartInfo(dir.Path, "run", file, "--out", Path.Combine(dir.Path, "out"), "--no-history", "--no-report"))!)
        {
            coordinator.OutputDataReceived += (_, _) => { };
            coordinator.ErrorDataReceived += (_, _) => { };
            coordinator.BeginOutputReadLine();
            coordinator.BeginErrorReadLine();
            try
            {
                await Poll.UntilAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: Ours)).Items.Count(p => p.Status?.Phase == "Running") == 2,
                    TimeSpan.FromSeconds(180), "two running agent pods");
            }
            finally
            {
                coordinator.Kill();
                await coordinator.WaitForExitAsync();
            }
        }

        var job = Assert.Single((await client.BatchV1.ListNamespacedJobAsync(Namespace, labelSelector: Ours)).Items);
        Assert.InRange(job.Spec.ActiveDeadlineSeconds ?? 0, 300, 3600);
        Assert.NotNull(job.Spec.TtlSecondsAfterFinished);
        var secret = Assert.Single((await client.CoreV1.ListNamespacedSecretAsync(Namespace, labelSelector: Ours)).Items);
        var account = Assert.Single((await client.CoreV1.ListNamespacedServiceAccountAsync(Namespace, labelSelector: Ours)).Items);
        Assert.Equal(job.Metadata.Uid, Assert.Single(secret.Metadata.OwnerReferences).Uid);
        Assert.Equal(job.Metadata.Uid, Assert.Single(account.Metadata.OwnerReferences).Uid);

        // What the TTL does after the deadline (minutes later): delete the Job; the cluster's garbage collector does the rest.
        await client.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, Namespace, propagationPolicy: "Background");

        await AssertNothingLeftAsync();
    }

    private static DistributedOptions Options() => new()
    {
        Agents = 2, Runtime = DistributedOptions.Kubernetes, Namespace = Namespace, Image = Image, Kubeconfig = Kubeconfig,
    };

    private static KubernetesAgentRuntime Runtime() => new(Options(), TimeProvider.System);

    private static ScenarioDefinition Scenario(string yaml)
    {
        var parsed = ScenarioFileParser.Parse($"target: {{url: \"{TargetUrl}\"}}\n" + yaml, "real.yml");
        return parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
    }

    private static async Task AssertNothingLeftAsync()
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
        var left = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            left.Clear();
            left.AddRange((await client.BatchV1.ListNamespacedJobAsync(Namespace, labelSelector: Ours)).Items.Select(j => "job/" + j.Metadata.Name));
            left.AddRange((await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: Ours)).Items.Select(p => "pod/" + p.Metadata.Name));
            left.AddRange((await client.CoreV1.ListNamespacedSecretAsync(Namespace, labelSelector: Ours)).Items.Select(s => "secret/" + s.Metadata.Name));
            left.AddRange((await client.CoreV1.ListNamespacedServiceAccountAsync(Namespace, labelSelector: Ours)).Items.Select(s => "serviceaccount/" + s.Metadata.Name));
            return left.Count == 0;
        }, TimeSpan.FromSeconds(120), "nothing of the run left in the namespace");
        Assert.Empty(left);
    }
}
