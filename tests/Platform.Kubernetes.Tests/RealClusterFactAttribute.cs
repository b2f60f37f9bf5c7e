namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// A test of the opt-in real-cluster suite: it runs only when <c>HARNESS_KUBECONFIG</c>, <c>HARNESS_AGENT_IMAGE</c> and
/// <c>HARNESS_AGENT_TARGET_URL</c> are set, and is reported as skipped, with the reason, otherwise
/// (docs/guides/distributed.md, "The real-cluster suite").
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public RealClusterFactAttribute()
    {
        var missing = new[] { "HARNESS_KUBECONFIG", "HARNESS_AGENT_IMAGE", "HARNESS_AGENT_TARGET_URL" }
            .Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"real-cluster suite: {string.Join(", ", missing)} not set, so no real cluster was used (see docs/guides/distributed.md)";
        }
        else if (Environment.GetEnvironmentVariable("HARNESS_K8S_NO_KUBELET") == "1")
        {
            Skip = "real-cluster suite: HARNESS_K8S_NO_KUBELET=1 (an API server without nodes runs no agent pods)";
        }
    }
}
