using System.Text;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes.Tests.Fake;
using k8s;

namespace Harness.Platform.Kubernetes.Tests;

public sealed class KubernetesProviderTests : IAsyncLifetime
{
    private const string Ns = "openfaas-fn";
    private FakeKubernetesApi _api = null!;
    private KubernetesProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions());
    }

    public async Task DisposeAsync()
    {
        _provider.Dispose();
        await _api.DisposeAsync();
    }

    private static FunctionDeployment Article(string name = "article") => new()
    {
        Service = name,
        Image = "registry.example/article:1.0",
        EnvProcess = "python3 index.py",
        EnvVars = new Dictionary<string, string> { ["write_debug"] = "true" },
        Labels = new Dictionary<string, string> { ["com.openfaas.scale.min"] = "2" },
        Limits = new FunctionResources { Memory = "128m" },
    };

    [Fact]
    public async Task Deploy_creates_a_deployment_and_service_that_become_available_and_resolvable()
    {
        var result = await _provider.DeployAsync(Article(), CancellationToken.None);

        Assert.True(result.IsOk, result.Message);
        var deployment = _api.Get("deployments", Ns, "article");
        Assert.NotNull(deployment);
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("128Mi", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.NotNull(_api.Get("services", Ns, "article"));

        var status = await _provider.GetAsync("article", Ns, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal(2, status.Replicas);
        Assert.Equal(2, status.AvailableReplicas);
        Assert.Equal("python3 index.py", status.EnvProcess);
        Assert.Equal("true", status.EnvVars!["write_debug"]);
        Assert.Equal("2", status.Labels!["com.openfaas.scale.min"]);
        Assert.Equal("registry.example/article:1.0", status.Image);

        var endpoints = await _provider.ResolveAsync("article", Ns, CancellationToken.None);
        Assert.Equal(["http://10.42.0.10:8080/", "http://10.42.0.11:8080/"], endpoints.Select(e => e.Address.ToString()).Order());
        Assert.Equal(["article-0", "article-1"], endpoints.Select(e => e.InstanceId).Order());
    }

    [Fact]
    public async Task The_service_is_written_with_server_side_apply_as_field_manager_harness()
    {
        await _provider.DeployAsync(Article(), CancellationToken.None);

        var apply = Assert.Single(_api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/services/article", StringComparison.Ordinal));
        Assert.StartsWith("application/apply-patch+yaml", apply.ContentType, StringComparison.Ordinal);
        Assert.Equal("harness", apply.FieldManager);
        Assert.Equal("true", apply.Force);
    }

    [Fact]
    public async Task Deploying_an_existing_function_is_a_conflict_saying_already_exists()
    {
        Assert.True((await _provider.DeployAsync(Article(), CancellationToken.None)).IsOk);

        var again = await _provider.DeployAsync(Article(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Conflict, again.Outcome);
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_delete_and_scale_of_a_missing_function_are_not_found()
    {
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.UpdateAsync(Article("ghost"), CancellationToken.None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.DeleteAsync("ghost", Ns, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.ScaleAsync("ghost", Ns, 1, CancellationToken.None)).Outcome);
        Assert.Null(await _provider.GetAsync("ghost", Ns, CancellationToken.None));
        Assert.Null(_api.Get("deployments", Ns, "ghost"));
    }

    [Fact]
    public async Task Update_applies_the_new_spec_to_the_existing_deployment()
    {
        await _provider.DeployAsync(Article(), CancellationToken.None);
        var before = _api.Get("deployments", Ns, "article")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var result = await _provider.UpdateAsync(Article() with { Image = "registry.example/article:2.0" }, CancellationToken.None);

        Assert.True(result.IsOk, result.Message);
        var after = _api.Get("deployments", Ns, "article")!;
        Assert.Equal("registry.example/article:2.0", after["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.NotEqual(before, after["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scale_to_zero_and_back_goes_through_the_scale_subresource()
    {
        await _provider.DeployAsync(Article(), CancellationToken.None);

        Assert.True((await _provider.ScaleAsync("article", Ns, 0, CancellationToken.None)).IsOk);
        var zero = await _provider.GetAsync("article", Ns, CancellationToken.None);
        Assert.Equal(0, zero!.Replicas);
        await EventuallyAsync(async () => (await _provider.ResolveAsync("article", Ns, CancellationToken.None)).Count == 0, "no endpoints");

        Assert.True((await _provider.ScaleAsync("article", Ns, 3, CancellationToken.None)).IsOk);
        // The status and the endpoints come from watches: they follow the scale shortly, as on a real cluster.
        await EventuallyAsync(async () => (await _provider.GetAsync("article", Ns, CancellationToken.None))!.AvailableReplicas == 3, "3 available replicas");
        await EventuallyAsync(async () => (await _provider.ResolveAsync("article", Ns, CancellationToken.None)).Count == 3, "3 endpoints");
        Assert.Contains(_api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/article/scale", StringComparison.Ordinal) && r.ContentType!.StartsWith("application/merge-patch+json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unready_endpoints_are_not_resolved_and_status_shows_no_available_replicas()
    {
        _api.BecomeReady = false;
        await _provider.DeployAsync(Article(), CancellationToken.None);

        Assert.Empty(await _provider.ResolveAsync("article", Ns, CancellationToken.None));
        Assert.Equal(0, (await _provider.GetAsync("article", Ns, CancellationToken.None))!.AvailableReplicas);

        _api.SetReady(Ns, "article", true);
        await EventuallyAsync(async () => (await _provider.ResolveAsync("article", Ns, CancellationToken.None)).Count == 2, "2 endpoints");
    }

    [Fact]
    public async Task Delete_removes_deployment_service_and_endpoints()
    {
        await _provider.DeployAsync(Article(), CancellationToken.None);

        Assert.True((await _provider.DeleteAsync("article", Ns, CancellationToken.None)).IsOk);

        // Foreground deletion: the Deployment lingers (terminating) until the garbage collector removed its pods.
        await Poll.UntilAsync(() => _api.Get("deployments", Ns, "article") is null, TimeSpan.FromSeconds(10), "the deployment to go");
        Assert.Null(_api.Get("services", Ns, "article"));
        Assert.Empty(await _provider.ResolveAsync("article", Ns, CancellationToken.None));
        Assert.Empty(await _provider.ListAsync(Ns, CancellationToken.None));
    }

    [Fact]
    public async Task List_returns_only_functions_sorted_by_name()
    {
        await _provider.DeployAsync(Article("b-fn"), CancellationToken.None);
        await _provider.DeployAsync(Article("a-fn"), CancellationToken.None);

        var list = await _provider.ListAsync(Ns, CancellationToken.None);

        Assert.Equal(["a-fn", "b-fn"], list.Select(f => f.Name));
        Assert.Empty(await _provider.ListAsync("other", CancellationToken.None));
        Assert.Equal([Ns], await _provider.ListNamespacesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Another_namespace_and_a_bad_quantity_are_invalid_and_nothing_is_created()
    {
        var otherNs = await _provider.DeployAsync(Article() with { Namespace = "kube-system" }, CancellationToken.None);
        var badQuantity = await _provider.DeployAsync(Article() with { Limits = new FunctionResources { Memory = "lots", Cpu = "fast" } }, CancellationToken.None);

        Assert.Equal(ProviderOutcome.Invalid, otherNs.Outcome);
        Assert.Contains("namespace must be: openfaas-fn", otherNs.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderOutcome.Invalid, badQuantity.Outcome);
        Assert.Contains("limits.memory 'lots'", badQuantity.Message, StringComparison.Ordinal);
        Assert.Contains("limits.cpu 'fast'", badQuantity.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.Method is "POST" or "PATCH");
    }

    [Fact]
    public async Task Secret_names_follow_the_one_rule_before_any_call()
    {
        var bad = await _provider.CreateSecretAsync(new SecretSpec { Name = "My_Secret", Value = "x" }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, bad.Outcome);
        Assert.Contains("DNS-1123 subdomain", bad.Message, StringComparison.Ordinal);
        Assert.Null(_api.Get("secrets", Ns, "My_Secret"));

        var deploy = await _provider.DeployAsync(Article() with { Secrets = ["a..b"] }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, deploy.Outcome);
        Assert.Contains("secrets: invalid secret name 'a..b'", deploy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_create_list_update_delete_and_a_function_using_a_missing_secret_is_refused()
    {
        var missing = await _provider.DeployAsync(Article() with { Secrets = ["api-key"] }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, missing.Outcome);
        Assert.Contains("secret api-key not found", missing.Message, StringComparison.Ordinal);

        Assert.True((await _provider.CreateSecretAsync(new SecretSpec { Name = "api-key", Value = "s3cret" }, CancellationToken.None)).IsOk);
        Assert.Equal(ProviderOutcome.Conflict, (await _provider.CreateSecretAsync(new SecretSpec { Name = "api-key", Value = "x" }, CancellationToken.None)).Outcome);
        var stored = _api.Get("secrets", Ns, "api-key")!;
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret")), stored["data"]!["api-key"]!.GetValue<string>());
        Assert.Equal("openfaas", stored["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());

        Assert.True((await _provider.UpdateSecretAsync(new SecretSpec { Name = "api-key", RawValue = [1, 2, 3] }, CancellationToken.None)).IsOk);
        Assert.Equal("AQID", _api.Get("secrets", Ns, "api-key")!["data"]!["api-key"]!.GetValue<string>());
        Assert.Equal(["api-key"], (await _provider.ListSecretsAsync(Ns, CancellationToken.None)).Select(s => s.Name));

        var deployed = await _provider.DeployAsync(Article() with { Secrets = ["api-key"] }, CancellationToken.None);
        Assert.True(deployed.IsOk, deployed.Message);
        Assert.Equal(["api-key"], (await _provider.GetAsync("article", Ns, CancellationToken.None))!.Secrets);

        Assert.True((await _provider.DeleteSecretAsync("api-key", Ns, CancellationToken.None)).IsOk);
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.DeleteSecretAsync("api-key", Ns, CancellationToken.None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await _provider.UpdateSecretAsync(new SecretSpec { Name = "api-key", Value = "x" }, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Logs_come_from_every_pod_with_their_timestamps_and_honour_tail_and_instance()
    {
        _api.FunctionLogs["article"] = ["one", "two", "three"];
        await _provider.DeployAsync(Article(), CancellationToken.None);

        var all = await Collect(new LogRequest("article", Ns));
        var tail = await Collect(new LogRequest("article", Ns, Tail: 1));
        var single = await Collect(new LogRequest("article", Ns, Instance: "article-1"));

        Assert.Equal(6, all.Count);
        Assert.Equal(["article-0", "article-1"], all.Select(e => e.Instance).Distinct().Order());
        Assert.Contains(all, e => e.Text == "article-0: one" && e.Timestamp == new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.Equal(2, tail.Count);
        Assert.All(tail, e => Assert.EndsWith("three", e.Text, StringComparison.Ordinal));
        Assert.Equal(3, single.Count);
        Assert.All(single, e => Assert.Equal("article-1", e.Instance));
    }

    [Fact]
    public async Task A_redeploy_with_an_unchanged_spec_changes_the_pod_template_uid_so_pods_roll()
    {
        Assert.True((await _provider.DeployAsync(Article(), CancellationToken.None)).IsOk);
        var first = PodLabel("article", KubernetesNames.RolloutLabel);
        Assert.True((await _provider.UpdateAsync(Article(), CancellationToken.None)).IsOk);
        var second = PodLabel("article", KubernetesNames.RolloutLabel);
        Assert.True((await _provider.UpdateAsync(Article(), CancellationToken.None)).IsOk);
        var third = PodLabel("article", KubernetesNames.RolloutLabel);

        Assert.False(string.IsNullOrEmpty(first));
        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        // The selector stays on faas_function alone (a changed selector is rejected by the API), and the label is not the user's.
        Assert.Equal("{\"faas_function\":\"article\"}", _api.Get("deployments", Ns, "article")!["spec"]!["selector"]!["matchLabels"]!.ToJsonString());
        Assert.DoesNotContain(KubernetesNames.RolloutLabel, (await _provider.GetAsync("article", Ns, CancellationToken.None))!.Labels!.Keys);
        // Declarative output (k8s manifests / apply) has no uid: applying it twice must not roll the pods.
        Assert.False(FunctionManifests.Build(Article(), new KubernetesProviderOptions()).Deployment.Spec.Template.Metadata.Labels.ContainsKey(KubernetesNames.RolloutLabel));
    }

    [Fact]
    public async Task Registry_secrets_become_image_pull_secrets_from_the_function_and_the_provider_default()
    {
        using var provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions { ImagePullSecrets = ["default-registry"] });
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(_api.KubeconfigPath));
        await client.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "ghcr" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{\"auths\":{}}") },
        }, Ns);
        Assert.True((await provider.CreateSecretAsync(new SecretSpec { Name = "api-key", Value = "v" }, CancellationToken.None)).IsOk);

        var result = await provider.DeployAsync(Article() with { Secrets = ["api-key", "ghcr"] }, CancellationToken.None);

        Assert.True(result.IsOk, result.Message);
        var pod = _api.Get("deployments", Ns, "article")!["spec"]!["template"]!["spec"]!;
        Assert.Equal(["default-registry", "ghcr"], pod["imagePullSecrets"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        var projected = pod["volumes"]!.AsArray().Single()!["projected"]!["sources"]!.AsArray().Select(s => s!["secret"]!["name"]!.GetValue<string>());
        Assert.Equal(["api-key"], projected);
        // The function's own secrets read back as it listed them; the provider-wide default is not one of them.
        Assert.Equal(["api-key", "ghcr"], (await provider.GetAsync("article", Ns, CancellationToken.None))!.Secrets);
    }

    [Fact]
    public async Task Logs_follow_picks_up_pods_that_start_after_it_began()
    {
        _api.FunctionLogs["article"] = ["hello"];
        using var provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions { LogPodPollInterval = TimeSpan.FromMilliseconds(50) });
        var single = Article() with { Labels = new Dictionary<string, string> { ["com.openfaas.scale.min"] = "1" } };
        Assert.True((await provider.DeployAsync(single, CancellationToken.None)).IsOk);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var entries = new List<LogEntry>();
        var follow = Task.Run(async () =>
        {
            try
            {
                await foreach (var entry in provider.LogsAsync(new LogRequest("article", Ns, Follow: true), stop.Token))
                {
                    lock (entries)
                    {
                        entries.Add(entry);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        await Until(() => { lock (entries) { return entries.Any(e => e.Instance == "article-0"); } }, "the first pod's line");
        Assert.True((await provider.ScaleAsync("article", Ns, 2, CancellationToken.None)).IsOk);
        await Until(() => { lock (entries) { return entries.Any(e => e.Instance == "article-1"); } }, "a line of the pod started after the follow began");
        await stop.CancelAsync();
        await follow;

        lock (entries)
        {
            Assert.Equal(1, entries.Count(e => e.Instance == "article-0"));
        }

        Assert.Contains(_api.Requests, r => r.Method == "GET" && r.Path.EndsWith("/pods/article-1/log", StringComparison.Ordinal));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    private string? PodLabel(string function, string label) =>
        _api.Get("deployments", Ns, function)!["spec"]!["template"]!["metadata"]!["labels"]![label]?.GetValue<string>();

    private async Task<List<LogEntry>> Collect(LogRequest request)
    {
        var entries = new List<LogEntry>();
        await foreach (var entry in _provider.LogsAsync(request, CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(5);
        }
    }
}
