using Harness.Platform.Kubernetes;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>The Indexed Job of a distributed run: indexed, never retried, labelled for cleanup, no API access, spread when asked.</summary>
public sealed class AgentJobManifestTests
{
    [Fact]
    public void The_job_is_indexed_labelled_for_cleanup_and_its_agents_have_no_api_access()
    {
        var yaml = ClusterObjects.ToYaml(ClusterObjects.AgentJob(Options() with { Cpu = "1", Memory = "512Mi" }));

        Assert.Contains("kind: ServiceAccount", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Job", yaml, StringComparison.Ordinal);
        Assert.Contains("completionMode: Indexed", yaml, StringComparison.Ordinal);
        Assert.Contains("completions: 4", yaml, StringComparison.Ordinal);
        Assert.Contains("parallelism: 4", yaml, StringComparison.Ordinal);
        Assert.Contains("backoffLimit: 0", yaml, StringComparison.Ordinal);
        Assert.Contains("harness.run/id: 20261202t080000z-abc123", yaml, StringComparison.Ordinal);
        Assert.Contains("app.kubernetes.io/managed-by: harness", yaml, StringComparison.Ordinal);
        // Neither the ServiceAccount nor the pod mounts a token: no Role is needed because the agents call no API.
        Assert.Equal(2, yaml.Split("automountServiceAccountToken: false").Length - 1);
        Assert.DoesNotContain("kind: Role", yaml, StringComparison.Ordinal);
        Assert.Contains("secretKeyRef", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n", yaml, StringComparison.Ordinal);
        Assert.Contains("cpu: 1", yaml, StringComparison.Ordinal);
        Assert.Contains("memory: 512Mi", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("topologySpreadConstraints", yaml, StringComparison.Ordinal);
        // Suspended until its Secret and ServiceAccount exist and name it as their owner; ended by its own deadline and TTL.
        Assert.Contains("suspend: true", yaml, StringComparison.Ordinal);
        Assert.Contains("activeDeadlineSeconds: 420", yaml, StringComparison.Ordinal);
        Assert.Contains("ttlSecondsAfterFinished: 300", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Spread_puts_one_agent_per_node_where_possible()
    {
        var yaml = ClusterObjects.ToYaml(ClusterObjects.AgentJob(Options() with { Spread = true }));

        Assert.Contains("topologySpreadConstraints", yaml, StringComparison.Ordinal);
        Assert.Contains("topologyKey: kubernetes.io/hostname", yaml, StringComparison.Ordinal);
        Assert.Contains("whenUnsatisfiable: DoNotSchedule", yaml, StringComparison.Ordinal);
        Assert.Contains("maxSkew: 1", yaml, StringComparison.Ordinal);
    }

    private static AgentJobOptions Options() => new()
    {
        RunId = "20261202T080000Z-abc123",
        Namespace = "loadtest",
        Agents = 4,
        Image = "harness:dev",
        TokenSecret = "harness-agents-20261202t080000z-abc123",
        DeadlineSeconds = 420,
    };
}
