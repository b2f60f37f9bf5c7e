using Harness.Cli;
using Harness.Cli.App;
using Harness.Runs;
using Harness.Scenarios;
using Spectre.Console.Cli.Testing;
using static Harness.Tests.Compliance.ComplianceFixtures;

namespace Harness.Tests.Runs;

/// <summary>"smoke under a minute, default about 2 minutes" proved from the plan of the shipped suite, without running it.</summary>
public sealed class RunPlanTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-runplan-").FullName;

    private static string ScenariosDirectory => Path.GetDirectoryName(RepoFile("scenarios/throughput.yml"))!;

    private static RunPlan PlanOf(RunProfile profile, bool compliance = false)
    {
        var scenarios = SuiteLocator.Suite(ScenariosDirectory, profile)
            .Select(f => ScenarioFileParser.ParseFile(f))
            .Select(p => profile.Apply(p.Scenario ?? throw new InvalidOperationException(string.Join("; ", p.Diagnostics))))
            .ToList();
        return RunPlanner.Plan(profile.Name, scenarios, embedded: true, compliance);
    }

    [Fact]
    public void Smoke_is_planned_under_a_minute_and_runs_every_scenario_of_the_suite()
    {
        var plan = PlanOf(RunProfile.Smoke);
        Assert.InRange(plan.Total.TotalSeconds, 10, 60);
        Assert.Equal(SuiteNames(RunProfile.Default), plan.Scenarios);
    }

    [Fact]
    public void Default_is_planned_at_about_two_minutes()
    {
        var plan = PlanOf(RunProfile.Default);
        Assert.InRange(plan.Total.TotalSeconds, 90, 150);
        Assert.Equal(SuiteNames(RunProfile.Default), plan.Scenarios);
    }

    [Fact]
    public void Pre_release_is_longer_and_adds_every_node_scenario_and_the_compliance_check()
    {
        var plan = PlanOf(RunProfile.PreRelease, compliance: true);
        Assert.True(plan.Total > PlanOf(RunProfile.Default).Total * 2, $"pre-release planned {plan.Total}");
        var nodeFiles = Directory.GetFiles(Path.Combine(ScenariosDirectory, "node"), "*.yml");
        Assert.NotEmpty(nodeFiles);
        foreach (var file in nodeFiles)
        {
            Assert.Contains(ScenarioFileParser.ParseFile(file).Scenario!.Name, plan.Scenarios);
        }

        Assert.Contains(plan.Scenarios, n => n == "etcd-fsync");
        Assert.True(plan.IncludesCompliance);
        Assert.DoesNotContain(plan.Scenarios, n => nodeFiles.Any(f => ScenarioFileParser.ParseFile(f).Scenario!.Name == n) && !PlanOf(RunProfile.PreRelease).Scenarios.Contains(n));
    }

    [Fact]
    public void The_plan_adds_up_stages_warm_ups_baselines_repetitions_and_node_checks()
    {
        var parsed = ScenarioFileParser.Parse("""
            name: ramp
            target: {url: "http://127.0.0.1:1/"}
            load: {model: ramping-vus, warmUp: 3s, stages: [{target: 5, duration: 10s}, {target: 0, duration: 5s}]}
            """, Path.Combine(dir, "ramp.yml"));
        var ramp = parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
        var costs = new PlanCosts { TargetStart = TimeSpan.FromSeconds(1), Outputs = TimeSpan.FromSeconds(1), Compliance = TimeSpan.FromSeconds(4) };

        var plain = RunPlanner.Plan("default", [ramp], embedded: false, compliance: false, target: false, costs);
        Assert.Equal(TimeSpan.FromSeconds(3 + 10 + 5 + 1), plain.Total);
        var withTarget = RunPlanner.Plan("default", [ramp], embedded: true, compliance: true, target: true, costs);
        Assert.Equal(TimeSpan.FromSeconds(1 + 18 + 4 + 1), withTarget.Total);
        var smoke = RunPlanner.Plan("smoke", [RunProfile.Smoke.Apply(ramp)], embedded: false, compliance: false, target: false, costs);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2.5 + 1.25 + 1), smoke.Total);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_runs_nothing()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var outDir = Path.Combine(dir, "out");
        var suite = SuiteLocator.Suite(ScenariosDirectory, RunProfile.Smoke).ToArray();

        var result = await app.RunAsync(["run", .. suite, "--target", Path.Combine(ScenariosDirectory, "targets", "local.yml"), "--profile", "smoke", "--dry-run", "--out", outDir]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("profile smoke", result.Output, StringComparison.Ordinal);
        Assert.Contains("planned", result.Output, StringComparison.Ordinal);
        Assert.Contains("etcd-fsync", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(2, (await app.RunAsync(["run", Path.Combine(dir, "missing.yml"), "--dry-run"])).ExitCode);
    }

    [Fact]
    public async Task Pre_release_needs_a_policy_and_policy_adds_the_compliance_check()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var local = Path.Combine(ScenariosDirectory, "targets", "local.yml");
        var suite = SuiteLocator.Suite(ScenariosDirectory, RunProfile.PreRelease).ToArray();

        // The shipped default target names the Norwegian policy, so the main job and the release gate include the check.
        var byDefault = await app.RunAsync(["run", .. suite, "--target", local, "--profile", "pre-release", "--dry-run"]);
        Assert.Equal(0, byDefault.ExitCode);
        Assert.Contains("with the compliance check", byDefault.Output, StringComparison.Ordinal);
        var mainJob = await app.RunAsync(["run", "--dry-run"]);
        Assert.Equal(0, mainJob.ExitCode);
        Assert.Contains("with the compliance check", mainJob.Output, StringComparison.Ordinal);

        var noPolicy = Path.Combine(dir, "no-policy.yml");
        File.WriteAllText(noPolicy, $"name: local\nkind: embedded\nstack: {Path.Combine(ScenariosDirectory, "functions", "stack.yml")}\n");
        var refused = await app.RunAsync(["run", .. suite, "--target", noPolicy, "--profile", "pre-release", "--dry-run"]);
        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("names no policy", refused.Output, StringComparison.Ordinal);

        var planned = await app.RunAsync(["run", .. suite, "--target", local, "--profile", "pre-release", "--dry-run",
            "--policy", Path.Combine(ScenariosDirectory, "policies", "eea.yml")]);
        Assert.Equal(0, planned.ExitCode);
        Assert.Contains("with the compliance check", planned.Output, StringComparison.Ordinal);

        var missing = await app.RunAsync(["run", .. suite, "--target", local, "--dry-run", "--policy", Path.Combine(dir, "missing.yml")]);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("missing.yml", missing.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static List<string> SuiteNames(RunProfile profile)
        => SuiteLocator.Suite(ScenariosDirectory, profile).Select(f => ScenarioFileParser.ParseFile(f).Scenario!.Name).ToList();
}
