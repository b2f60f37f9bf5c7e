using System.Diagnostics;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes.Tests.Fake;
using Harness.Platform.Kubernetes.Tests.Golden;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

public sealed class ManifestGoldenTests(ITestOutputHelper output)
{
    internal static FunctionDeployment Full() => new()
    {
        Service = "article",
        Image = "registry.example/article:1.0",
        EnvProcess = "python3 index.py",
        EnvVars = new Dictionary<string, string> { ["zeta"] = "last", ["alpha"] = "first", ["write_debug"] = "true" },
        Labels = new Dictionary<string, string> { ["com.openfaas.scale.min"] = "2", ["team"] = "news" },
        Annotations = new Dictionary<string, string> { ["com.openfaas.security.readonly"] = "true", ["topic"] = "articles" },
        Secrets = ["db-password", "api-key", "registry-auth"],
        Constraints = ["node.kubernetes.io/instance-type=vps-large", "disk=ssd"],
        Limits = new FunctionResources { Memory = "128m", Cpu = "500m" },
        Requests = new FunctionResources { Memory = "64Mi", Cpu = "0.1" },
    };

    internal static FunctionDeployment Minimal() => new() { Service = "echo", Image = "echo:latest" };

    internal static KubernetesProviderOptions Norway() => new() { AllowedRegions = ["no-oslo-1", "no-bergen-1"], ImagePullSecrets = ["registry-auth"] };

    public static TheoryData<string> Goldens => ["function-full.yaml", "function-minimal.yaml", "platform.yaml"];

    private static string Render(string golden) => golden switch
    {
        "function-full.yaml" => Yaml(FunctionManifests.Build(Full(), Norway())),
        "function-minimal.yaml" => Yaml(FunctionManifests.Build(Minimal(), new KubernetesProviderOptions())),
        "platform.yaml" => ManifestYaml.Serialize(PlatformManifests.Build(new PlatformManifestOptions { BasicAuthPassword = "golden-password", Provider = Norway() })),
        _ => throw new ArgumentOutOfRangeException(nameof(golden)),
    };

    private static string Yaml(FunctionManifest manifest) => ManifestYaml.Serialize([manifest.Deployment, manifest.Service]);

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Generated_manifests_match_the_golden_yaml(string golden) => GoldenFile.AssertMatches(golden, Render(golden));

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Kubectl_reads_the_golden_yaml(string golden)
    {
        const string kubectl = "/usr/bin/kubectl";
        if (!File.Exists(kubectl))
        {
            output.WriteLine($"SKIPPED: {kubectl} is not installed, so the manifests were not checked by kubectl");
            return;
        }

        // kubectl maps kinds to resources through discovery even with --dry-run=client, so it talks to the fake API (which serves discovery only for this).
        await using var api = await FakeKubernetesApi.StartAsync();
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        // No cluster: --dry-run=client with --validate=false parses and decodes the objects without contacting a server.
        foreach (var a in new[] { "create", "--dry-run=client", "--validate=false", "-o", "name", "-f", GoldenFile.PathOf(golden) })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["KUBECONFIG"] = api.KubeconfigPath;
        start.Environment["HOME"] = api.Directory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"kubectl exit {process.ExitCode}: {stderr}");
        var names = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = golden == "platform.yaml"
            ? new[] { "namespace/openfaas", "namespace/openfaas-fn", "serviceaccount/harness-gateway", "role.rbac.authorization.k8s.io/harness-gateway", "rolebinding.rbac.authorization.k8s.io/harness-gateway", "secret/basic-auth", "deployment.apps/gateway", "service/gateway" }
            : [$"deployment.apps/{(golden == "function-full.yaml" ? "article" : "echo")}", $"service/{(golden == "function-full.yaml" ? "article" : "echo")}"];
        Assert.Equal(expected, names);
        Assert.DoesNotContain(api.Requests, r => r.Method != "GET");
    }
}
