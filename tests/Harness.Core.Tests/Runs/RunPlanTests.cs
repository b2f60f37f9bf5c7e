using Harness.Runs;
using Harness.Scenarios;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Runs;

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

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static List<string> SuiteNames(RunProfile profile)
        => SuiteLocator.Suite(ScenariosDirectory, profile).Select(f => ScenarioFileParser.ParseFile(f).Scenario!.Name).ToList();
}
