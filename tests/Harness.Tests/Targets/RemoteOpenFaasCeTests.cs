using System.Xml.Linq;
using Harness.Cli.Run;
using Harness.Core.Tests.Runs;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;
using Harness.Tests.Runs;
using Spectre.Console.Testing;
using Xunit.Abstractions;

namespace Harness.Tests.Targets;

/// <summary>
/// The default suite through a remote target that is an OpenFaaS CE gateway (faas-netes provider): each scenario runs or
/// says precisely why not, nothing is pushed to an artifact store that is not there, and the results describe the target.
/// </summary>
public sealed class RemoteOpenFaasCeTests(RemoteCeFixture ce, ITestOutputHelper output) : IClassFixture<RemoteCeFixture>
{
    [Fact]
    public async Task The_default_suite_runs_against_an_openfaas_ce_gateway_or_says_why_not()
    {
        if (ce.SkipReason is { } skip)
        {
            output.WriteLine("SKIPPED: " + skip);
            return;
        }

        var targetFile = ce.WriteTarget("ce");
        var outDir = Path.Combine(ce.Directory, "out-suite");
        var scenarios = SuiteLocator.DefaultSuite(Path.Combine(ce.Repository, "scenarios"))
            .Select(f => ScenarioFileParser.ParseFile(f).Scenario!).Select(Short).ToList();
        // A scenario naming a function the target does not have: it could not run, and the others still do.
        scenarios.Add(Parse("missing", """
            name: missing-function
            kind: throughput
            target: {function: no-such-fn, method: POST, body: x}
            load: {model: constant-arrival-rate, rate: 200, duration: 5s}
            """));
        var definition = TargetFileParser.ParseFile(targetFile).Target!;

        var outcome = await RunService.Default.RunAsync(new RunRequest
        {
            Scenarios = scenarios,
            StartTarget = ct => TargetFactory.StartAsync(definition, null, ct),
            OutputDirectory = outDir,
            TargetNode = definition.Node,
            WriteReport = ReportHook.Writer,
        }, new NullRunObserver(), CancellationToken.None);

        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        foreach (var s in summary.Scenarios)
        {
            output.WriteLine($"{s.Name}: {ScenarioStatuses.Word(s)} {s.Error} | {string.Join(" | ", s.Notes)}");
        }

        var byName = summary.Scenarios.ToDictionary(s => s.Name);
        Assert.Equal(["capacity", "cold-start", "connection-churn", "conntrack", "deployment-churn", "etcd-fsync", "throughput", "missing-function"], summary.Scenarios.Select(s => s.Name));

        // The target, as /system/info describes it; nothing went to an artifact store CE does not have.
        Assert.Equal("openfaas-ce", summary.Target.Flavour);
        Assert.Equal("faas-netes", summary.Target.ReportedProvider);
        Assert.StartsWith(FakeOpenFaasCe.GatewayRelease, summary.Environment.Versions["target gateway"], StringComparison.Ordinal);
        Assert.Contains(FakeOpenFaasCe.ProviderRelease, summary.Environment.Versions["target provider"], StringComparison.Ordinal);
        Assert.Contains(summary.Target.Limits, l => l.Name == "execution_time" && l.Value.Contains("upstream_timeout 60 s", StringComparison.Ordinal) && l.Source!.Contains("CE default", StringComparison.Ordinal));
        Assert.Contains(summary.Target.Limits, l => l.Name == "payload" && l.Value == "not known");
        Assert.Contains(summary.Target.Limits, l => l.Name == "memory" && l.Measured && l.Value == "greet-fork 128Mi, greet-http 128Mi, echo-cat 64Mi");
        Assert.Equal(0, ce.Gateway!.ArtifactRequests);

        // Load scenarios ran against the real functions.
        foreach (var name in new[] { "throughput", "capacity", "connection-churn", "deployment-churn", "cold-start" })
        {
            Assert.True(byName[name].Status is ScenarioStatus.Passed or ScenarioStatus.Failed, $"{name}: {byName[name].Status} {byName[name].Error}");
        }

        // Throughput has no direct baseline on a remote target: its main figure is missing, and says so.
        var throughput = byName["throughput"];
        Assert.Contains("gateway_overhead_ratio", throughput.Missing.Keys);
        Assert.DoesNotContain("gateway_overhead_ratio", throughput.Values.Keys);
        Assert.NotEqual("passed", ScenarioStatuses.Word(throughput));
        Assert.True(throughput.Counters["requests"] > 0);

        // Cold start on CE: the clamp is detected and named, and the first call after deploy is what was measured.
        var cold = byName["cold-start"];
        Assert.Equal(ColdStartMethods.FirstCallAfterDeploy, cold.Properties["cold_start_method"]);
        Assert.Contains("ranges.go", cold.Properties["gateway_scale_to_zero"], StringComparison.Ordinal);
        Assert.Equal(3, cold.Metrics["cold_start_ttfb"].Count);
        Assert.Equal(0, cold.Counters["errors"]);
        Assert.Contains(ce.Gateway.Scales, s => s.Asked == 0 && s.Forwarded == 1);
        Assert.Contains(cold.Notes, n => n.StartsWith("Measured as first call after deploy", StringComparison.Ordinal));

        // Deployment churn with the public image, at a bounded status-read rate it reports.
        var churn = byName["deployment-churn"];
        Assert.Equal(ChurnOptions.DefaultImage, churn.Properties["image"]);
        Assert.Equal(0, churn.Counters["errors"]);
        Assert.True(churn.Metrics["deploy_ready"].Count >= 2);
        Assert.True(churn.Counters["status_reads"] > 0);
        Assert.True(churn.Counters["status_reads"] <= (churn.Values["status_poll_rate_limit"] * churn.Duration.TotalSeconds) + 1, $"{churn.Counters["status_reads"]} reads in {churn.Duration}");

        // Node scenarios have no node: here, so they refuse rather than measure this machine as the target's node.
        foreach (var name in new[] { "etcd-fsync", "conntrack" })
        {
            Assert.Equal(ScenarioStatus.CouldNotRun, byName[name].Status);
            Assert.Contains("no node: section", byName[name].Error, StringComparison.Ordinal);
        }

        var missing = byName["missing-function"];
        Assert.Equal(ScenarioStatus.CouldNotRun, missing.Status);
        Assert.Contains("function 'no-such-fn' is not deployed", missing.Error, StringComparison.Ordinal);
        Assert.False(missing.Counters.ContainsKey("requests"));

        // Every output says it: exit code, results.json, junit, summary.md, console.
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("\"status\": \"could-not-run\"", await File.ReadAllTextAsync(Path.Combine(outDir, "results.json")), StringComparison.Ordinal);
        var junit = XDocument.Load(Path.Combine(outDir, "junit.xml"));
        var error = junit.Descendants("testsuite").Single(s => (string?)s.Attribute("name") == "missing-function").Descendants("error").Single();
        Assert.StartsWith("could not run: ", (string?)error.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains(junit.Descendants("testsuite").Single(s => (string?)s.Attribute("name") == "throughput").Descendants("testcase"),
            c => (string?)c.Attribute("name") == "gateway_overhead_ratio" && c.Element("skipped") is not null);
        var markdown = await File.ReadAllTextAsync(Path.Combine(outDir, "summary.md"));
        Assert.Contains("COULD NOT RUN", markdown, StringComparison.Ordinal);
        if (throughput.Status == ScenarioStatus.Passed)
        {
            Assert.Contains("PASSED (PARTIAL)", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("gateway_overhead_ratio not measured", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "report.pdf")));
        var console = new TestConsole { Profile = { Width = 400 } };
        RunSummaryTable.Write(console, summary, []);
        Assert.Contains("could not run missing-function: function 'no-such-fn' is not deployed", console.Output, StringComparison.Ordinal);
        Assert.Contains("partial throughput: gateway_overhead_ratio not measured", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_local_on_a_remote_target_measures_the_harness_machine_and_says_so()
    {
        if (ce.SkipReason is { } skip)
        {
            output.WriteLine("SKIPPED: " + skip);
            return;
        }

        var targetFile = ce.WriteTarget("ce-node-local", "node: local");
        var outDir = Path.Combine(ce.Directory, "out-node");
        var audit = ScenarioFileParser.ParseFile(Path.Combine(ce.Repository, "scenarios", "node", "node-audit.yml")).Scenario!;
        var definition = TargetFileParser.ParseFile(targetFile).Target!;

        var outcome = await RunService.Default.RunAsync(new RunRequest
        {
            Scenarios = [audit],
            StartTarget = ct => TargetFactory.StartAsync(definition, null, ct),
            OutputDirectory = outDir,
            TargetNode = definition.Node,
            WriteReport = ReportHook.Writer,
        }, new NullRunObserver(), CancellationToken.None);

        var result = Assert.Single(outcome.Summary.Scenarios);
        Assert.True(result.Status is ScenarioStatus.Passed or ScenarioStatus.Failed, $"{result.Status} {result.Error}");
        Assert.StartsWith(ScenarioPreflight.HarnessMachine, result.Properties["node"], StringComparison.Ordinal);
        Assert.Contains("not the target's node", result.Description, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Contains("not node fitness of the target", StringComparison.Ordinal));
        Assert.Contains("the harness's own machine", await File.ReadAllTextAsync(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cold_start_forced_through_the_gateway_names_the_ce_clamp()
    {
        if (ce.SkipReason is { } skip)
        {
            output.WriteLine("SKIPPED: " + skip);
            return;
        }

        var definition = TargetFileParser.ParseFile(ce.WriteTarget("ce-forced")).Target!;
        await using var target = await TargetFactory.StartAsync(definition, null, CancellationToken.None);
        var scenario = Parse("forced", """
            name: forced
            kind: cold-start
            coldStart: {functions: [echo-cat], repetitions: 2, warm: 0, method: gateway-scale-to-zero, scaleDownTimeout: 5s}
            """);

        var result = await new ColdStartRunner().RunAsync(scenario, new ScenarioRunContext { Target = target }, CancellationToken.None);

        // The scenario still returns its figures (none), with the failure counted and the clamp named.
        Assert.Equal(1, result.Counters["cold_errors"]);
        Assert.Equal(1.0, result.Values["error_rate"]);
        Assert.Contains(result.Notes, n => n.Contains("OpenFaaS CE raises scale requests below 1 to 1 (gateway/scaling/ranges.go)", StringComparison.Ordinal));
        var status = await target.Client!.GetFunctionAsync("echo-cat");
        Assert.Equal(1, status!.Replicas);
    }

    [Fact]
    public async Task Deploy_true_deploys_by_image_on_ce_and_pushes_artifacts_only_to_a_harness_gateway()
    {
        if (ce.SkipReason is { } skip)
        {
            output.WriteLine("SKIPPED: " + skip);
            return;
        }

        // The handler beside the stack file, as faas-cli requires.
        var greet = Path.Combine(ce.Directory, "greet");
        Directory.CreateDirectory(greet);
        foreach (var file in Directory.GetFiles(Path.Combine(ce.Repository, "scenarios", "functions", "greet")))
        {
            File.Copy(file, Path.Combine(greet, Path.GetFileName(file)), overwrite: true);
        }

        var stack = Path.Combine(ce.Directory, "deploy-stack.yml");
        await File.WriteAllTextAsync(stack, $"""
            version: 1.0
            provider: {"{"}name: openfaas{"}"}
            functions:
              deployed-cat:
                image: test/deployed-cat:latest
                fprocess: cat
              deployed-greet:
                lang: python3
                handler: ./greet
                image: test/deployed-greet:latest
            """);
        var onCe = Path.Combine(ce.Directory, "deploy-ce.yml");
        await File.WriteAllTextAsync(onCe, $"""
            name: deploy-ce
            kind: remote
            gateway: {ce.Gateway!.Url}
            credentials: {"{"}userEnv: {RemoteCeFixture.UserVariable}, passwordEnv: {RemoteCeFixture.PasswordVariable}{"}"}
            stack: {stack}
            deploy: true
            """);
        var onHarness = onCe.Replace("deploy-ce", "deploy-harness", StringComparison.Ordinal);
        await File.WriteAllTextAsync(onHarness, (await File.ReadAllTextAsync(onCe)).Replace(ce.Gateway.Url.ToString(), ce.Behind!.Gateway!.ToString(), StringComparison.Ordinal));

        // CE: deployed by image only. The python function's image exists in no "registry" here, so it is refused: a warning naming it, nothing pushed, the other deployed.
        await using (var target = await TargetFactory.StartAsync(TargetFileParser.ParseFile(onCe).Target!, null, CancellationToken.None))
        {
            Assert.Equal("openfaas-ce", target.Info.Flavour);
            Assert.Contains(target.Info.Warnings, w => w.StartsWith("deploy deployed-greet (test/deployed-greet:latest): ", StringComparison.Ordinal));
            Assert.Contains(target.Info.Warnings, w => w.Contains("function 'deployed-greet' is not deployed", StringComparison.Ordinal));
            Assert.DoesNotContain(target.Info.Warnings, w => w.Contains("deployed-cat", StringComparison.Ordinal));
        }

        Assert.Equal(0, ce.Gateway.ArtifactRequests);
        Assert.True((await ce.Behind.Client.GetFunctionAsync("deployed-cat"))?.AvailableReplicas > 0);
        Assert.Null(await ce.Behind.Client.GetFunctionAsync("deployed-greet"));

        // Harness's own gateway: /system/info says so, the stack is built and pushed to its store, then deployed.
        await using (var target = await TargetFactory.StartAsync(TargetFileParser.ParseFile(onHarness).Target!, null, CancellationToken.None))
        {
            Assert.Equal("harness", target.Info.Flavour);
            Assert.Empty(target.Info.Warnings);
        }

        Assert.Contains(await ce.Behind.Client.ListArtifactsAsync(), a => a.Image == "test/deployed-greet:latest");
        Assert.Equal(0, ce.Gateway.ArtifactRequests);
        foreach (var name in new[] { "deployed-cat", "deployed-greet" })
        {
            await ce.Behind.Client.RemoveFunctionAsync(name);
        }
    }

    /// <summary>The repository's scenario, shortened so the suite takes seconds: 1 s of load, one repetition, two churned functions.</summary>
    private static ScenarioDefinition Short(ScenarioDefinition s) => s with
    {
        Load = s.Load is { } l ? l with { Duration = TimeSpan.FromSeconds(1), WarmUp = TimeSpan.Zero, Stages = [] } : null,
        ColdStart = s.ColdStart is { } c ? c with { Repetitions = 1, Warm = 1 } : null,
        Churn = s.Churn is { } ch ? ch with { Functions = 2, Cycles = 1, Delay = TimeSpan.Zero } : null,
    };

    private ScenarioDefinition Parse(string name, string yaml)
    {
        var result = ScenarioFileParser.Parse(yaml, Path.Combine(ce.Directory, name + ".yml"));
        Assert.True(result.Scenario is not null, string.Join("; ", result.Diagnostics));
        return result.Scenario!;
    }
}
