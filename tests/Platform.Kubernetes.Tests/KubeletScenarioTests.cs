using System.Diagnostics;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes.Tests.Fake;
using Harness.Platform.Stack;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog;
using Harness.Results;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// The gateway with <see cref="KubernetesProvider"/> against the fake API whose kubelet runs real watchdogs: the repository's
/// deployment-churn and cold-start scenario files run through it unchanged (smoke profile), as <c>harness run</c> does;
/// and behind a fake OpenFaaS CE gateway, as faas-netes, cold start goes through the Kubernetes API.
/// </summary>
public sealed class KubeletScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "openfaas-fn";
    private FakeKubernetesApi _api = null!;
    private FakeKubelet? _kubelet;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        if (WatchdogLocator.TryFind(out var watchdog))
        {
            _kubelet = new FakeKubelet(watchdog, Path.Combine(_api.Directory, "pods"));
            _api.Kubelet = _kubelet;
        }
    }

    public async Task DisposeAsync()
    {
        var started = _kubelet?.Started.ToList() ?? [];
        await _api.DisposeAsync();
        // Nothing the kubelet started outlives the fake cluster.
        Assert.All(started, p => Assert.True(HasExited(p), "a watchdog outlived the fake cluster"));
    }

    [Fact]
    public async Task Pods_are_real_watchdogs_that_become_ready_resolvable_and_go_away_on_scale_to_zero_and_delete()
    {
        if (_kubelet is null)
        {
            output.WriteLine("SKIPPED: no watchdog binary (run ./build.sh or set HARNESS_WATCHDOG)");
            return;
        }

        using var provider = KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions());
        var echo = new FunctionDeployment { Service = "echo", Image = "harness/echo:latest", EnvProcess = "cat", Labels = new Dictionary<string, string> { ["com.openfaas.scale.min"] = "2" } };
        Assert.True((await provider.DeployAsync(echo, CancellationToken.None)).IsOk);
        await Until(async () => (await provider.GetAsync("echo", Ns, CancellationToken.None))?.AvailableReplicas == 2, "two available replicas");

        var endpoints = await provider.ResolveAsync("echo", Ns, CancellationToken.None);
        Assert.Equal(2, endpoints.Select(e => e.Address.Port).Distinct().Count());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var endpoint in endpoints)
        {
            using var response = await http.PostAsync(endpoint.Address, new StringContent($"via {endpoint.InstanceId}"));
            Assert.Equal($"via {endpoint.InstanceId}", await response.Content.ReadAsStringAsync());
        }

        // An update with the same spec rolls: new pods (new names) replace the old ones, never fewer than two ready.
        var before = endpoints.Select(e => e.InstanceId).ToHashSet();
        Assert.True((await provider.UpdateAsync(echo, CancellationToken.None)).IsOk);
        await Until(async () =>
        {
            var now = await provider.ResolveAsync("echo", Ns, CancellationToken.None);
            Assert.True(now.Count >= 2, "a rollout with maxUnavailable 0 left fewer than two ready endpoints");
            return now.Count == 2 && now.All(e => !before.Contains(e.InstanceId));
        }, "the rollout to replace both pods");

        var processes = _kubelet.Started.ToList();
        Assert.True((await provider.ScaleAsync("echo", Ns, 0, CancellationToken.None)).IsOk);
        await Until(() => Task.FromResult(processes.All(HasExited)), "every watchdog to exit after scale to zero");
        // The provider reads through watch caches: the slices' and the Deployment's removal arrive after the processes exit.
        await Until(async () => (await provider.ResolveAsync("echo", Ns, CancellationToken.None)).Count == 0, "no endpoints after scale to zero");
        await Until(async () => (await provider.GetAsync("echo", Ns, CancellationToken.None)) is { Replicas: 0, AvailableReplicas: 0 }, "zero replicas, zero available");

        Assert.True((await provider.ScaleAsync("echo", Ns, 1, CancellationToken.None)).IsOk);
        await Until(async () => (await provider.ResolveAsync("echo", Ns, CancellationToken.None)).Count == 1, "one endpoint after scaling back to one");
        Assert.True((await provider.DeleteAsync("echo", Ns, CancellationToken.None)).IsOk);
        await Until(() => Task.FromResult(_kubelet.Started.All(HasExited)), "every watchdog to exit after delete");
        Assert.Null(_api.Get("endpointslices", Ns, endpoints[0].InstanceId));
    }

    [Fact]
    public async Task The_deployment_churn_and_cold_start_scenarios_run_unchanged_through_the_gateway_on_the_kubernetes_provider()
    {
        if (_kubelet is null)
        {
            output.WriteLine("SKIPPED: no watchdog binary (run ./build.sh or set HARNESS_WATCHDOG)");
            return;
        }

        var scenarios = Path.Combine(RepositoryRoot(), "scenarios");
        if (BuildSampleImages() is not { } stack)
        {
            return;
        }

        await using var platform = await StartGatewayAsync();
        using (var client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password)))
        {
            // The functions cold-start calls, deployed through the gateway (the kubernetes provider has no artifact upload).
            foreach (var function in stack.Functions)
            {
                await client.DeployAsync(function.Deployment);
            }
        }

        var target = Path.Combine(_api.Directory, "kubernetes-target.yml");
        await File.WriteAllTextAsync(target, $"""
            name: fake-kubernetes
            kind: remote
            gateway: {platform.Url}
            credentials:
              userEnv: HARNESS_TEST_USER
              passwordEnv: HARNESS_TEST_PASSWORD
            provider: harness gateway + KubernetesProvider (fake API, simulated kubelet)
            """);
        var (summary, exitCode) = await RunHarnessAsync(platform, target, Path.Combine(scenarios, "deployment-churn.yml"), Path.Combine(scenarios, "cold-start.yml"));

        Assert.Equal(["deployment-churn", "cold-start"], summary.Scenarios.Select(s => s.Name));
        foreach (var scenario in summary.Scenarios)
        {
            Assert.True(scenario.Status is ScenarioStatus.Passed or ScenarioStatus.Failed, $"{scenario.Name}: {scenario.Status} {scenario.Error}");
            Assert.NotEmpty(scenario.Thresholds);
            Assert.All(scenario.Thresholds, t => Assert.NotNull(t.Actual));
        }

        var churn = summary.Scenarios[0];
        Assert.True(churn.Metrics["deploy_ready"].Count >= 6, "no deploy→ready latencies");
        Assert.True(churn.Metrics["churn_deploy_ready"].Count >= 3, "no churn latencies");
        Assert.Equal(0, churn.Counters["errors"]);
        var cold = summary.Scenarios[1];
        Assert.Equal(3, cold.Metrics["cold_start_ttfb"].Count);
        Assert.Equal(3, cold.Metrics["warm_ttfb"].Count);
        Assert.Equal(0, cold.Counters["errors"]);
        // Every cold call went through the gateway's scale-from-zero on this provider: it held the call while a pod started.
        Assert.All(new[] { "greet_fork", "greet_http", "echo_cat" }, f => Assert.True(cold.Values[$"replica_start_p50_ms_{f}"] > 0, $"{f}: no gateway hold measured"));
        // 0, or 1 when a threshold was missed on a loaded machine; never 2 (bad input) or a crash.
        Assert.True(exitCode is 0 or 1, $"harness run exit {exitCode}");
        Assert.Contains(_api.Requests, r => r.Path.EndsWith("/deployments/echo-cat/scale", StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.Path.EndsWith("/endpointslices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cold_start_on_faas_netes_behind_a_ce_gateway_scales_the_deployment_to_zero_through_the_kubernetes_api()
    {
        if (_kubelet is null)
        {
            output.WriteLine("SKIPPED: no watchdog binary (run ./build.sh or set HARNESS_WATCHDOG)");
            return;
        }

        // OpenFaaS CE on faas-netes: the CE gateway (which will not scale below one replica) in front of the provider. With a
        // kubeconfig in the target, the harness scales each Deployment to 0 itself and the gateway's scale-from-zero serves the call.
        var stackPath = Path.Combine(RepositoryRoot(), "scenarios", "functions", "stack.yml");
        if (BuildSampleImages() is not { } stack)
        {
            return;
        }

        await using var platform = await StartGatewayAsync();
        using (var client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password)))
        {
            foreach (var function in stack.Functions)
            {
                await client.DeployAsync(function.Deployment);
            }
        }

        await using var gateway = await Harness.Tests.Targets.FakeOpenFaasCe.StartAsync(platform.Url);
        var target = Path.Combine(_api.Directory, "faas-netes.yml");
        await File.WriteAllTextAsync(target, $"""
            name: faas-netes
            kind: remote
            gateway: {gateway.Url}
            credentials: {"{"}userEnv: HARNESS_TEST_USER, passwordEnv: HARNESS_TEST_PASSWORD{"}"}
            stack: {stackPath}
            kubeconfig: {_api.KubeconfigPath}
            """);
        var (summary, exitCode) = await RunHarnessAsync(platform, target, Path.Combine(RepositoryRoot(), "scenarios", "cold-start.yml"));

        Assert.Equal("openfaas-ce", summary.Target.Flavour);
        var cold = Assert.Single(summary.Scenarios);
        Assert.True(cold.Status is ScenarioStatus.Passed or ScenarioStatus.Failed, $"{cold.Status} {cold.Error}");
        Assert.Equal("kubernetes-scale-to-zero", cold.Properties["cold_start_method"]);
        Assert.Contains(_api.Url.ToString().TrimEnd('/'), cold.Properties["cold_start_method_meaning"], StringComparison.Ordinal);
        Assert.Contains("ranges.go", cold.Properties["gateway_scale_to_zero"], StringComparison.Ordinal);
        Assert.Equal(3, cold.Metrics["cold_start_ttfb"].Count);
        Assert.Equal(0, cold.Counters["errors"]);
        // The harness itself patched each Deployment's scale (no field manager: not the provider) and watched its pods go.
        foreach (var function in new[] { "greet-fork", "greet-http", "echo-cat" })
        {
            Assert.Contains(_api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith($"/deployments/{function}/scale", StringComparison.Ordinal) && r.FieldManager is null);
        }

        Assert.Contains(_api.Requests, r => r.Method == "GET" && r.Path.EndsWith("/namespaces/openfaas-fn/pods", StringComparison.Ordinal));
        Assert.True(exitCode is 0 or 1, $"harness run exit {exitCode}");
    }

    /// <summary>The "registry": the sample functions built as harness build does; their image names map to the build folders. Null when they cannot be built here.</summary>
    private StackFile? BuildSampleImages()
    {
        var stack = StackFileParser.FromProcessEnvironment().ParseFile(Path.Combine(RepositoryRoot(), "scenarios", "functions", "stack.yml"));
        Assert.True(stack.Succeeded, string.Join("; ", stack.Errors));
        foreach (var function in stack.Stack!.Functions.Where(f => f.Lang is not null && f.HandlerPath is not null))
        {
            try
            {
                var artifact = FunctionBuilder.Build(new FunctionBuildRequest
                {
                    FunctionName = function.Name,
                    Lang = function.Lang!,
                    HandlerDirectory = function.HandlerPath!,
                    OutputDirectory = Path.Combine(_api.Directory, "build", function.Name),
                    Image = function.Deployment.Image,
                    Fprocess = function.Deployment.EnvProcess,
                    Environment = function.Deployment.EnvVars,
                });
                _kubelet!.Images[function.Deployment.Image] = artifact.Directory;
            }
            catch (FunctionBuildException e)
            {
                output.WriteLine($"SKIPPED: cannot build {function.Name}: {e.Message}");
                return null;
            }
        }

        return stack.Stack;
    }

    private Task<EmbeddedPlatform> StartGatewayAsync() => EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
    {
        Port = 0,
        StateDirectory = Path.Combine(_api.Directory, "gateway-" + Guid.NewGuid().ToString("N")[..8]),
        ProviderFactory = (context, _) => ValueTask.FromResult<IFunctionProvider>(KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions(), context.Time)),
    });

    /// <summary>Runs the real harness CLI (smoke profile) against the target file, with the gateway's credentials in the environment.</summary>
    private async Task<(RunSummary Summary, int ExitCode)> RunHarnessAsync(EmbeddedPlatform platform, string target, params string[] scenarioFiles)
    {
        var outDir = Path.Combine(_api.Directory, "out-" + Path.GetFileNameWithoutExtension(target));
        var start = HarnessProcess.StartInfo(_api.Directory, ["run", .. scenarioFiles, "--target", target, "--profile", "smoke", "--out", outDir, "--no-report", "--no-history"]);
        start.Environment["HARNESS_TEST_USER"] = platform.Credentials.User;
        start.Environment["HARNESS_TEST_PASSWORD"] = platform.Credentials.Password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        return (await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None), process.ExitCode);
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

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
