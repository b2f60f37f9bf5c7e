using Harness.Platform.Kubernetes.Tests.Fake;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes.Tests;

public sealed class K8sCliTests : IAsyncLifetime
{
    private const string Stack = """
        version: 1.0
        provider:
          name: openfaas
          gateway: http://127.0.0.1:8080
        functions:
          article:
            lang: python3
            handler: ./article
            image: registry.example/article:1.0
            environment:
              write_debug: true
            annotations:
              com.openfaas.security.readonly: true
            limits:
              memory: 128m
        """;

    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        Directory.CreateDirectory(Path.Combine(_api.Directory, "article"));
        await File.WriteAllTextAsync(Path.Combine(_api.Directory, "stack.yml"), Stack);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Manifests_prints_the_functions_as_yaml_that_kubernetes_yaml_reads()
    {
        var result = await HarnessProcess.RunAsync(_api.Directory, "k8s", "manifests", "-f", "stack.yml", "--allowed-region", "no-oslo-1");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var objects = KubernetesYaml.LoadAllFromString(result.Stdout);
        var deployment = Assert.IsType<V1Deployment>(objects[0]);
        Assert.IsType<V1Service>(objects[1]);
        Assert.Equal("article", deployment.Metadata.Name);
        Assert.Equal("128Mi", deployment.Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString());
        Assert.True(deployment.Spec.Template.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["no-oslo-1"], deployment.Spec.Template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Values);
    }

    [Fact]
    public async Task Manifests_pins_functions_to_the_policys_node_regions()
    {
        var policy = Path.Combine(FindRepositoryRoot(), "scenarios", "policies", "norway.yml");

        var result = await HarnessProcess.RunAsync(_api.Directory, "k8s", "manifests", "-f", "stack.yml", "--policy", policy);

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var deployment = Assert.IsType<V1Deployment>(KubernetesYaml.LoadAllFromString(result.Stdout)[0]);
        var term = deployment.Spec.Template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0];
        Assert.Equal("topology.kubernetes.io/region", term.Key);
        Assert.Equal(["no-oslo-1", "no-svg-1", "NO"], term.Values);
    }

    private static string FindRepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above the test directory");
    }

    [Fact]
    public async Task Manifests_of_a_bad_stack_is_exit_2_and_prints_nothing_on_stdout()
    {
        await File.WriteAllTextAsync(Path.Combine(_api.Directory, "bad.yml"), Stack.Replace("memory: 128m", "memory: lots", StringComparison.Ordinal));

        var result = await HarnessProcess.RunAsync(_api.Directory, "k8s", "manifests", "-f", "bad.yml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout.Trim());
    }

    [Fact]
    public async Task Apply_server_side_applies_platform_and_functions_to_the_cluster()
    {
        var result = await HarnessProcess.RunAsync(_api.Directory, "k8s", "apply", "--kubeconfig", _api.KubeconfigPath, "-f", "stack.yml", "--platform", "--basic-auth-password", "pw");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.NotNull(_api.Get("namespaces", "", "openfaas-fn"));
        Assert.NotNull(_api.Get("roles", "openfaas-fn", "harness-gateway"));
        Assert.NotNull(_api.Get("deployments", "openfaas", "gateway"));
        Assert.Equal("cHc=", _api.Get("secrets", "openfaas", "basic-auth")!["data"]!["basic-auth-password"]!.GetValue<string>());
        Assert.Equal(1, _api.Get("deployments", "openfaas-fn", "article")!["status"]!["availableReplicas"]!.GetValue<int>());
        var writes = _api.Requests.Where(r => r.Method != "GET").ToList();
        Assert.Equal(10, writes.Count);
        Assert.All(writes, w =>
        {
            Assert.Equal("PATCH", w.Method);
            Assert.StartsWith("application/apply-patch+yaml", w.ContentType, StringComparison.Ordinal);
            Assert.Equal("harness", w.FieldManager);
        });

        // Apply is idempotent: a second run changes nothing that would fail.
        var again = await HarnessProcess.RunAsync(_api.Directory, "k8s", "apply", "--kubeconfig", _api.KubeconfigPath, "-f", "stack.yml");
        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
    }

    [Fact]
    public async Task Apply_platform_twice_keeps_the_generated_basic_auth_password()
    {
        var first = await HarnessProcess.RunAsync(_api.Directory, "k8s", "apply", "--kubeconfig", _api.KubeconfigPath, "--platform");
        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var password = _api.Get("secrets", "openfaas", "basic-auth")!["data"]!["basic-auth-password"]!.GetValue<string>();

        var second = await HarnessProcess.RunAsync(_api.Directory, "k8s", "apply", "--kubeconfig", _api.KubeconfigPath, "--platform");

        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);
        Assert.Equal(password, _api.Get("secrets", "openfaas", "basic-auth")!["data"]!["basic-auth-password"]!.GetValue<string>());
        Assert.Contains("secret/basic-auth unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("password was generated", second.Stdout, StringComparison.Ordinal);
    }
}
