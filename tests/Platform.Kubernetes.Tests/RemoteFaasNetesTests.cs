using System.Diagnostics;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes.Tests.Fake;
using Harness.Platform.Stack;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog;
using Harness.Results;
using Harness.Tests.Targets;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>
/// OpenFaaS CE on faas-netes, as a nightly run meets it: the CE gateway (which will not scale below one replica) in front of
/// the Kubernetes provider on the fake API, whose kubelet runs real watchdogs. With a kubeconfig in the target, cold start
/// scales the function's Deployment to 0 through the Kubernetes API, waits for its pods to go, and the call is served by
/// the gateway's scale-from-zero.
/// </summary>
public sealed class RemoteFaasNetesTests(ITestOutputHelper output) : IAsyncLifetime
{
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
        Assert.All(started, p => Assert.True(HasExited(p), "a watchdog outlived the fake cluster"));
    }

    [Fact]
    public async Task Cold_start_on_faas_netes_scales_the_deployment_to_zero_through_the_kubernetes_api()
    {
        if (_kubelet is null)
        {
            output.WriteLine("SKIPPED: no watchdog binary (run ./build.sh or set HARNESS_WATCHDOG)");
            return;
        }

        var scenarios = Path.Combine(RepositoryRoot(), "scenarios");
        var stackPath = Path.Combine(scenarios, "functions", "stack.yml");
        var stack = StackFileParser.FromProcessEnvironment().ParseFile(stackPath);
        Assert.True(stack.Succeeded, string.Join("; ", stack.Errors));
        foreach (var function in stack.Stack!.Functions.Where(f => f.Lang is not null && f.HandlerPath is not null))
        {
            // The "registry" the cluster pulls from: what faas-cli up would have pushed.
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
            _kubelet.Images[function.Deployment.Image] = artifact.Directory;
        }

        await using var provider = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = 0,
            StateDirectory = Path.Combine(_api.Directory, "gateway"),
            ProviderFactory = (context, _) => ValueTask.FromResult<IFunctionProvider>(KubernetesProvider.Connect(_api.KubeconfigPath, new KubernetesProviderOptions(), context.Time)),
        });
        using (var client = OpenFaasClient.Create(provider.Url, GatewayCredentials.Basic(provider.Credentials.User, provider.Credentials.Password)))
        {
            foreach (var function in stack.Stack.Functions) await client.DeployAsync(function.Deployment);
        }

        await using var gateway = await FakeOpenFaasCe.StartAsync(provider.Url);
        var target = Path.Combine(_api.Directory, "faas-netes.yml");
        await File.WriteAllTextAsync(target, $"""
            name: faas-netes
            kind: remote
            gateway: {gateway.Url}
            credentials: {"{"}userEnv: HARNESS_TEST_USER, passwordEnv: HARNESS_TEST_PASSWORD{"}"}
            stack: {stackPath}
            kubeconfig: {_api.KubeconfigPath}
            """);
        var outDir = Path.Combine(_api.Directory, "out");
        var start = HarnessProcess.StartInfo(_api.Directory, "run", Path.Combine(scenarios, "cold-start.yml"),
            "--target", target, "--profile", "smoke", "--out", outDir, "--no-report", "--no-history");
        start.Environment["HARNESS_TEST_USER"] = provider.Credentials.User;
        start.Environment["HARNESS_TEST_PASSWORD"] = provider.Credentials.Password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120))) await process.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
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
        Assert.True(process.ExitCode is 0 or 1, $"harness run exit {process.ExitCode}");
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
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln"))) return d.FullName;
        }

        throw new InvalidOperationException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
