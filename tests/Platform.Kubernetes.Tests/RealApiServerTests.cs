using System.Text;
using Harness.Platform.Contracts;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// Opt-in, like <see cref="RealClusterTests"/> (<c>HARNESS_KUBECONFIG</c>): the issue-21 semantics against a real API
/// server, none of which needs a kubelet (pods may stay Pending): updates that remove fields, replicas kept, the API's
/// own validation, foreground deletion and re-create, registry and kubectl-made secrets, watches instead of lists.
/// </summary>
public sealed class RealApiServerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string? _kubeconfig = Environment.GetEnvironmentVariable("HARNESS_KUBECONFIG");
    private readonly string _ns = Environment.GetEnvironmentVariable("HARNESS_K8S_NAMESPACE") ?? PlatformDefaults.FunctionNamespace;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private KubernetesProvider? _provider;
    private k8s.Kubernetes? _kubectl;

    private bool Skip()
    {
        if (!string.IsNullOrEmpty(_kubeconfig))
        {
            _provider ??= KubernetesProvider.Connect(_kubeconfig, new KubernetesProviderOptions { Namespace = _ns, ImagePullPolicy = "IfNotPresent" });
            _kubectl ??= new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig));
            return false;
        }

        output.WriteLine("SKIPPED: HARNESS_KUBECONFIG is not set, so no real API server was used (see docs/platform/kubernetes.md)");
        return true;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _kubectl?.Dispose();
    }

    private FunctionDeployment Full(string name) => new()
    {
        Service = name,
        Image = "ghcr.io/openfaas/alpine:latest",
        EnvVars = new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" },
        Labels = new Dictionary<string, string> { ["team"] = "news" },
        Annotations = new Dictionary<string, string> { ["topic"] = "sport" },
        Limits = new FunctionResources { Memory = "128Mi" },
        Constraints = ["disktype=ssd"],
    };

    [Fact]
    public async Task Update_removes_fields_keeps_replicas_and_reports_only_pod_annotations()
    {
        if (Skip())
        {
            return;
        }

        var name = "h21-upd-" + _suffix;
        try
        {
            var deployed = await _provider!.DeployAsync(Full(name), CancellationToken.None);
            Assert.True(deployed.IsOk, deployed.Message);
            Assert.True((await _provider.ScaleAsync(name, _ns, 3, CancellationToken.None)).IsOk);
            var updated = await _provider.UpdateAsync(new FunctionDeployment { Service = name, Image = "ghcr.io/openfaas/alpine:3", EnvVars = new Dictionary<string, string> { ["keep"] = "1" } }, CancellationToken.None);
            Assert.True(updated.IsOk, updated.Message);

            var d = await _kubectl!.AppsV1.ReadNamespacedDeploymentAsync(name, _ns);
            var c = d.Spec.Template.Spec.Containers[0];
            Assert.Equal(["keep"], c.Env.Select(e => e.Name));
            Assert.True(c.Resources?.Limits is null or { Count: 0 });
            Assert.Null(d.Spec.Template.Spec.NodeSelector);
            Assert.False(d.Spec.Template.Metadata.Labels.ContainsKey("team"));
            Assert.Equal(3, d.Spec.Replicas);
            var managers = d.Metadata.ManagedFields.Select(m => $"{m.Manager}/{m.Operation}").ToList();
            output.WriteLine("managed fields: " + string.Join(", ", managers));
            Assert.DoesNotContain("harness/Update", managers);
            var status = await _provider.GetAsync(name, _ns, CancellationToken.None);
            Assert.DoesNotContain(status!.Annotations ?? new Dictionary<string, string>(), a => a.Key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal));
        }
        finally
        {
            await _provider!.DeleteAsync(name, _ns, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_apis_validation_matches_the_providers_and_the_fakes()
    {
        if (Skip())
        {
            return;
        }

        var result = await _provider!.DeployAsync(Full("1fn") with { EnvVars = new Dictionary<string, string> { ["1A"] = "v" } }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, result.Outcome);
        Assert.Contains("DNS-1035", result.Message, StringComparison.Ordinal);
        Assert.Contains("1A", result.Message, StringComparison.Ordinal);

        var service = new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = new V1ObjectMeta { Name = "1fn" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8080 }] } };
        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _kubectl!.CoreV1.CreateNamespacedServiceAsync(service, _ns, dryRun: "All"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var message = System.Text.Json.JsonDocument.Parse(e.Response.Content).RootElement.GetProperty("message").GetString();
        output.WriteLine("the API server: " + message);
        Assert.StartsWith("Service \"1fn\" is invalid: metadata.name: Invalid value: \"1fn\": a DNS-1035 label must consist of lower case alphanumeric characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_function_is_gone_at_once_and_can_be_created_again()
    {
        if (Skip())
        {
            return;
        }

        var name = "h21-churn-" + _suffix;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var deployed = await _provider!.DeployAsync(Full(name), CancellationToken.None);
                Assert.True(deployed.IsOk, $"cycle {i}: {deployed.Message}");
                Assert.True((await _provider.DeleteAsync(name, _ns, CancellationToken.None)).IsOk);
                Assert.DoesNotContain(await _provider.ListAsync(_ns, CancellationToken.None), f => f.Name == name);
                Assert.Equal(ProviderOutcome.NotFound, (await _provider.UpdateAsync(Full(name), CancellationToken.None)).Outcome);
            }
        }
        finally
        {
            await _provider!.DeleteAsync(name, _ns, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Secrets_keep_their_type_mount_every_key_and_unmanaged_ones_are_left_alone()
    {
        if (Skip())
        {
            return;
        }

        var registry = "h21-reg-" + _suffix;
        var db = "h21-db-" + _suffix;
        var name = "h21-sec-" + _suffix;
        try
        {
            await _kubectl!.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = registry, Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedByValue } },
                Type = "kubernetes.io/dockerconfigjson",
                Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{\"auths\":{}}") },
            }, _ns);
            await _kubectl.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = db }, Data = new Dictionary<string, byte[]> { ["password"] = [1] } }, _ns);

            var updated = await _provider!.UpdateSecretAsync(new SecretSpec { Name = registry, Value = "{\"auths\":{\"r.example\":{}}}" }, CancellationToken.None);
            Assert.True(updated.IsOk, updated.Message);
            Assert.Equal("kubernetes.io/dockerconfigjson", (await _kubectl.CoreV1.ReadNamespacedSecretAsync(registry, _ns)).Type);

            var deployed = await _provider.DeployAsync(new FunctionDeployment { Service = name, Image = "ghcr.io/openfaas/alpine:latest", Secrets = [db, registry] }, CancellationToken.None);
            Assert.True(deployed.IsOk, deployed.Message);
            var pod = (await _kubectl.AppsV1.ReadNamespacedDeploymentAsync(name, _ns)).Spec.Template.Spec;
            Assert.Equal("password", pod.Volumes[0].Projected.Sources[0].Secret.Items[0].Key);
            Assert.Contains(pod.ImagePullSecrets, r => r.Name == registry);
            Assert.Equal(ProviderOutcome.NotFound, (await _provider.DeleteSecretAsync(db, _ns, CancellationToken.None)).Outcome);
        }
        finally
        {
            await _provider!.DeleteAsync(name, _ns, CancellationToken.None);
            foreach (var s in new[] { registry, db })
            {
                try { await _kubectl!.CoreV1.DeleteNamespacedSecretAsync(s, _ns); } catch (k8s.Autorest.HttpOperationException) { }
            }
        }
    }

    [Fact]
    public async Task Held_calls_read_the_watch_cache()
    {
        if (Skip())
        {
            return;
        }

        var name = "h21-watch-" + _suffix;
        try
        {
            var deployed = await _provider!.DeployAsync(Full(name), CancellationToken.None);
            Assert.True(deployed.IsOk, deployed.Message);
            await _provider.ResolveAsync(name, _ns, CancellationToken.None);
            var before = _provider.ApiRequests;
            for (var i = 0; i < 500; i++)
            {
                Assert.Empty(await _provider.ResolveAsync(name, _ns, CancellationToken.None));
            }

            output.WriteLine($"API requests for 500 resolves of an unready function: {_provider.ApiRequests - before}");
            Assert.True(_provider.ApiRequests - before <= 2);
        }
        finally
        {
            await _provider!.DeleteAsync(name, _ns, CancellationToken.None);
        }
    }
}
