using System.Text;
using Harness.Platform.Contracts;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// Opt-in: runs only when <c>HARNESS_KUBECONFIG</c> names a real cluster's kubeconfig. Deploys an article-like
/// function, waits for it to be ready, scales it to zero and back, optionally invokes it, and removes it.
/// </summary>
public sealed class RealClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deploy_wait_ready_scale_to_zero_and_back_then_remove_on_a_real_cluster()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("HARNESS_KUBECONFIG");
        if (string.IsNullOrEmpty(kubeconfig))
        {
            output.WriteLine("SKIPPED: HARNESS_KUBECONFIG is not set, so no real cluster was used (see docs/platform/kubernetes.md)");
            return;
        }

        if (Environment.GetEnvironmentVariable("HARNESS_K8S_NO_KUBELET") == "1")
        {
            output.WriteLine("SKIPPED: HARNESS_K8S_NO_KUBELET=1 (an API server without nodes: pods stay Pending); RealApiServerTests cover what needs no kubelet");
            return;
        }

        var options = new KubernetesProviderOptions
        {
            Namespace = Environment.GetEnvironmentVariable("HARNESS_K8S_NAMESPACE") ?? PlatformDefaults.FunctionNamespace,
            ImagePullPolicy = Environment.GetEnvironmentVariable("HARNESS_K8S_PULL_POLICY") ?? "IfNotPresent",
        };
        using var provider = KubernetesProvider.Connect(kubeconfig, options);
        var name = "harness-e2e-" + Guid.NewGuid().ToString("N")[..6];
        var deployment = new FunctionDeployment
        {
            Service = name,
            Image = Environment.GetEnvironmentVariable("HARNESS_K8S_IMAGE") ?? "ghcr.io/openfaas/alpine:latest",
            EnvProcess = "cat",
            Annotations = new Dictionary<string, string> { [PlatformDefaults.ReadOnlyAnnotation] = "true" },
            Limits = new FunctionResources { Memory = "128Mi" },
        };
        try
        {
            var deployed = await provider.DeployAsync(deployment, CancellationToken.None);
            Assert.True(deployed.IsOk, deployed.Message);
            await WaitAsync(provider, name, options.Namespace, available => available >= 1, "ready");

            Assert.True((await provider.ScaleAsync(name, options.Namespace, 0, CancellationToken.None)).IsOk);
            await WaitAsync(provider, name, options.Namespace, available => available == 0, "scaled to zero");
            Assert.True((await provider.ScaleAsync(name, options.Namespace, 1, CancellationToken.None)).IsOk);
            await WaitAsync(provider, name, options.Namespace, available => available >= 1, "scaled back to one");

            if (Environment.GetEnvironmentVariable("HARNESS_K8S_INVOKE") == "1")
            {
                // Pod IPs are reachable only from inside the pod network (e.g. on the k3s node itself).
                var endpoint = (await provider.ResolveAsync(name, options.Namespace, CancellationToken.None))[0];
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var response = await http.PostAsync(endpoint.Address, new StringContent("hello", Encoding.UTF8));
                Assert.Equal("hello", (await response.Content.ReadAsStringAsync()).Trim());
            }
            else
            {
                output.WriteLine("invocation skipped: set HARNESS_K8S_INVOKE=1 when this machine can reach pod IPs");
            }
        }
        finally
        {
            await provider.DeleteAsync(name, options.Namespace, CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await provider.GetAsync(name, options.Namespace, CancellationToken.None) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not removed within 2 minutes");
            await Task.Delay(1000);
        }
    }

    private static async Task WaitAsync(KubernetesProvider provider, string name, string ns, Func<int, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await provider.GetAsync(name, ns, CancellationToken.None);
            if (status is not null && condition(status.AvailableReplicas))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} was not {what} within 3 minutes (available: {status?.AvailableReplicas})");
            await Task.Delay(1000);
        }
    }
}
