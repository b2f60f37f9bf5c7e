using System.Text;
using System.Text.Json.Nodes;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes.Tests.Fake;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// The defects a real kube-apiserver showed (issue 21), each against the fake with the real server's semantics:
/// apply ownership, validation with 422, foreground deletion, immutable secret types, watches.
/// </summary>
public sealed class RealServerSemanticsTests : IAsyncLifetime
{
    private const string Ns = "openfaas-fn";
    private FakeKubernetesApi _api = null!;
    private KubernetesProvider _provider = null!;
    private k8s.Kubernetes _kubectl = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions());
        _kubectl = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_api.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        _provider.Dispose();
        _kubectl.Dispose();
        await _api.DisposeAsync();
    }

    private static FunctionDeployment Full(string name = "article") => new()
    {
        Service = name,
        Image = "registry.example/article:1.0",
        EnvVars = new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" },
        Labels = new Dictionary<string, string> { ["team"] = "news", ["tier"] = "gold" },
        Annotations = new Dictionary<string, string> { ["topic"] = "sport" },
        Limits = new FunctionResources { Memory = "128Mi", Cpu = "500m" },
        Constraints = ["disktype=ssd"],
        Secrets = ["api-key"],
    };

    private Task<ProviderResult> CreateSecretAsync(string name = "api-key") =>
        _provider.CreateSecretAsync(new SecretSpec { Name = name, Value = "s3cret" }, CancellationToken.None);

    [Fact]
    public async Task An_update_removes_what_the_function_no_longer_has_with_one_manager_and_operation()
    {
        await CreateSecretAsync();
        Assert.True((await _provider.DeployAsync(Full(), CancellationToken.None)).IsOk);

        var slim = new FunctionDeployment { Service = "article", Image = "registry.example/article:1.1", EnvVars = new Dictionary<string, string> { ["keep"] = "1" } };
        Assert.True((await _provider.UpdateAsync(slim, CancellationToken.None)).IsOk);

        var deployment = _api.Get("deployments", Ns, "article")!;
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]![0]!;
        Assert.Equal("[{\"name\":\"keep\",\"value\":\"1\"}]", container["env"]!.ToJsonString());
        Assert.Null(container["resources"]);
        Assert.Null(pod["spec"]!["volumes"]);
        Assert.Null(pod["spec"]!["nodeSelector"]);
        Assert.Null(pod["metadata"]!["labels"]!["team"]);
        Assert.Null(pod["metadata"]!["annotations"]!["topic"]);
        var status = await _provider.GetAsync("article", Ns, CancellationToken.None);
        Assert.Null(status!.Secrets);
        Assert.DoesNotContain("team", status.Labels!.Keys);
        var managers = deployment["metadata"]!["managedFields"]!.AsArray().Select(m => $"{m!["manager"]}/{m["operation"]}").ToList();
        Assert.Contains("harness/Apply", managers);
        Assert.DoesNotContain("harness/Update", managers);
        Assert.DoesNotContain(_api.Requests, r => r.Method == "POST" && r.Path.EndsWith("/deployments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_keeps_the_replicas_scaling_set()
    {
        Assert.True((await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None)).IsOk);
        Assert.True((await _provider.ScaleAsync("article", Ns, 5, CancellationToken.None)).IsOk);

        Assert.True((await _provider.UpdateAsync(Full() with { Secrets = null, Image = "registry.example/article:2" }, CancellationToken.None)).IsOk);

        Assert.Equal(5, _api.Get("deployments", Ns, "article")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_reports_only_the_pod_templates_annotations()
    {
        Assert.True((await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None)).IsOk);
        Assert.NotNull(_api.Get("deployments", Ns, "article")!["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]);

        var status = await _provider.GetAsync("article", Ns, CancellationToken.None);

        Assert.Equal("sport", status!.Annotations!["topic"]);
        Assert.DoesNotContain("deployment.kubernetes.io/revision", status.Annotations.Keys);
    }

    [Fact]
    public async Task The_fake_refuses_what_the_api_refuses_with_its_422_message()
    {
        var service = new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = new V1ObjectMeta { Name = "1fn" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8080 }] } };

        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _kubectl.CoreV1.CreateNamespacedServiceAsync(service, Ns));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var message = JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>();
        Assert.StartsWith("Service \"1fn\" is invalid: metadata.name: Invalid value: \"1fn\": a DNS-1035 label must consist of lower case alphanumeric characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_functions_are_400_with_every_problem_and_nothing_is_created()
    {
        await CreateSecretAsync();
        var bad = new FunctionDeployment
        {
            Service = "1fn",
            Image = "registry.example/x:1",
            Labels = new Dictionary<string, string> { ["team"] = "news desk" },
            Annotations = new Dictionary<string, string> { ["bad key!"] = "v" },
            EnvVars = new Dictionary<string, string> { ["1A"] = "v" },
            Limits = new FunctionResources { Memory = "64Mi" },
            Requests = new FunctionResources { Memory = "128Mi" },
            Constraints = ["disktype=fast ssd"],
        };

        var result = await _provider.DeployAsync(bad, CancellationToken.None);

        Assert.Equal(ProviderOutcome.Invalid, result.Outcome);
        foreach (var part in new[] { "DNS-1035", "news desk", "bad key!", "1A", "requests.memory", "fast ssd" })
        {
            Assert.Contains(part, result.Message, StringComparison.Ordinal);
        }

        var longName = await _provider.DeployAsync(new FunctionDeployment { Service = new string('a', 50), Image = "x:1", Secrets = ["api-key"] }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, longName.Outcome);
        Assert.Contains("63 characters", longName.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.Method is "POST" or "PATCH" && !r.Path.Contains("/secrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_422_that_still_comes_back_is_a_400_with_the_apis_message_and_the_create_is_undone()
    {
        _api.RejectNext = ("services", "admission webhook \"policy.example\" denied the request: no services on Fridays");

        var result = await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None);

        Assert.Equal(ProviderOutcome.Invalid, result.Outcome);
        Assert.Contains("no services on Fridays", result.Message, StringComparison.Ordinal);
        Assert.Null(_api.Get("deployments", Ns, "article"));
        Assert.Empty(await _provider.ListAsync(Ns, CancellationToken.None));
    }

    [Fact]
    public async Task A_terminating_function_is_gone_and_a_re_create_waits_for_it()
    {
        Assert.True((await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None)).IsOk);
        _api.DeletionLinger = TimeSpan.FromSeconds(1);
        Assert.True((await _provider.DeleteAsync("article", Ns, CancellationToken.None)).IsOk);
        Assert.NotNull(_api.Get("deployments", Ns, "article")!["metadata"]!["deletionTimestamp"]);

        Assert.Empty(await _provider.ListAsync(Ns, CancellationToken.None));
        Assert.Null(await _provider.GetAsync("article", Ns, CancellationToken.None));
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.UpdateAsync(Full() with { Secrets = null }, CancellationToken.None)).Outcome);

        var again = await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None);

        Assert.True(again.IsOk, again.Message);
        var recreated = _api.Get("deployments", Ns, "article")!;
        Assert.Null(recreated["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(_api.Get("services", Ns, "article"));
    }

    [Fact]
    public async Task A_registry_secret_is_updated_in_place_keeping_its_type()
    {
        var registry = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "registry", Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedByValue } },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{\"auths\":{}}") },
        };
        await _kubectl.CoreV1.CreateNamespacedSecretAsync(registry, Ns);

        var result = await _provider.UpdateSecretAsync(new SecretSpec { Name = "registry", Value = "{\"auths\":{\"r.example\":{}}}" }, CancellationToken.None);

        Assert.True(result.IsOk, result.Message);
        var stored = _api.Get("secrets", Ns, "registry")!;
        Assert.Equal("kubernetes.io/dockerconfigjson", stored["type"]!.GetValue<string>());
        Assert.Equal("{\"auths\":{\"r.example\":{}}}", Encoding.UTF8.GetString(Convert.FromBase64String(stored["data"]![".dockerconfigjson"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Secret_keys_are_mounted_as_OpenFaaS_does_and_unmanaged_secrets_are_left_alone()
    {
        var kubectlMade = new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, Data = new Dictionary<string, byte[]> { ["password"] = [1], ["user"] = [2] } };
        await _kubectl.CoreV1.CreateNamespacedSecretAsync(kubectlMade, Ns);

        Assert.True((await _provider.DeployAsync(new FunctionDeployment { Service = "article", Image = "x:1", Secrets = ["db"] }, CancellationToken.None)).IsOk);

        var items = _api.Get("deployments", Ns, "article")!["spec"]!["template"]!["spec"]!["volumes"]![0]!["projected"]!["sources"]![0]!["secret"]!["items"]!;
        Assert.Equal("[{\"key\":\"password\",\"path\":\"password\"},{\"key\":\"user\",\"path\":\"user\"}]", items.ToJsonString());
        Assert.DoesNotContain(await _provider.ListSecretsAsync(Ns, CancellationToken.None), s => s.Name == "db");
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.DeleteSecretAsync("db", Ns, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.UpdateSecretAsync(new SecretSpec { Name = "db", Value = "x" }, CancellationToken.None)).Outcome);
        Assert.NotNull(_api.Get("secrets", Ns, "db"));
    }

    [Fact]
    public async Task Held_calls_and_status_reads_come_from_watches_not_lists()
    {
        _api.BecomeReady = false;
        Assert.True((await _provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None)).IsOk);
        var changed = _provider.ReadyChanged("article", Ns);

        for (var i = 0; i < 200; i++)
        {
            Assert.Empty(await _provider.ResolveAsync("article", Ns, CancellationToken.None));
            Assert.NotNull(await _provider.GetAsync("article", Ns, CancellationToken.None));
        }

        _api.SetReady(Ns, "article", true);
        await changed.WaitAsync(TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => _provider.ResolveAsync("article", Ns, CancellationToken.None).AsTask().Result.Count == 1, TimeSpan.FromSeconds(10), "the endpoint from the watch");
        var lists = _api.Requests.Where(r => r.Method == "GET" && (r.Path.EndsWith("/endpointslices", StringComparison.Ordinal) || r.Path.EndsWith("/deployments", StringComparison.Ordinal))).ToList();
        // One LIST and one WATCH per kind (the request log does not tell them apart).
        Assert.True(lists.Count <= 4, $"{lists.Count} list/watch requests");
        Assert.True(_provider.ApiRequests >= lists.Count);
    }

    [Fact]
    public async Task With_the_api_server_down_reads_say_so_and_writes_are_unavailable()
    {
        var kubeconfig = Path.Combine(_api.Directory, "down");
        var port = LoopbackPort.Pick();
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(_api.KubeconfigPath)).Replace(_api.Url.ToString().TrimEnd('/'), $"http://127.0.0.1:{port}", StringComparison.Ordinal));
        using var provider = KubernetesProvider.Connect(kubeconfig, new KubernetesProviderOptions { CacheSyncWait = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<ProviderUnavailableException>(async () => await provider.ResolveAsync("article", Ns, CancellationToken.None));
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => provider.ListAsync(Ns, CancellationToken.None));
        var deploy = await provider.DeployAsync(Full() with { Secrets = null }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Unavailable, deploy.Outcome);
        Assert.Contains("cannot be reached", deploy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_api_is_listed_again_with_a_doubling_backoff_not_in_a_loop()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions(), time);
        _api.Down = true;
        int Lists() => _api.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/endpointslices", StringComparison.Ordinal));

        await Assert.ThrowsAsync<ProviderUnavailableException>(async () => await provider.ResolveAsync("article", Ns, CancellationToken.None));
        // 10 s of (fake) time in 50 ms steps: backoffs of 200, 400, 800 ms ... 6.4 s allow about 6 LISTs, a loop thousands.
        for (var step = 0; step < 200; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
            await Task.Delay(2, CancellationToken.None);
        }

        var failing = Lists();
        Assert.InRange(failing, 2, 8);

        _api.Down = false;
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                try
                {
                    return provider.ResolveAsync("article", Ns, CancellationToken.None).AsTask().Result.Count == 0;
                }
                catch (AggregateException e) when (e.InnerException is ProviderUnavailableException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            "the cache to list once the API is back");
    }
}
