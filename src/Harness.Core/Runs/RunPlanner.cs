using System.Globalization;
using Harness.Load;
using Harness.Scenarios;

namespace Harness.Runs;

/// <summary>
/// The pure plan of a run: each scenario's stages, warm-ups, repetitions and node checks (after the profile has scaled
/// them) added up with <see cref="PlanCosts"/> where the file does not say how long something takes.
/// </summary>
internal static class RunPlanner
{
    public const string TargetStep = "(target)";
    public const string ComplianceStep = "(compliance)";
    public const string OutputsStep = "(outputs)";

    /// <param name="scenarios">The scenarios as they will run, the profile already applied.</param>
    /// <param name="embedded">The embedded platform: throughput scenarios then also run their direct-to-watchdog baseline.</param>
    /// <param name="compliance">The target names a policy, so the residency check runs after the scenarios.</param>
    /// <param name="target">A target file is started (false: every scenario names its own URL).</param>
    public static RunPlan Plan(string profile, IReadOnlyList<ScenarioDefinition> scenarios, bool embedded, bool compliance, bool target = true, PlanCosts? costs = null)
    {
        costs ??= new PlanCosts();
        var steps = new List<PlannedStep>();
        if (target)
        {
            steps.Add(new PlannedStep(TargetStep, "", embedded ? "start the embedded platform and deploy the stack" : "connect to the target: /system/info, then check (or, with deploy: true, deploy) its stack", costs.TargetStart));
        }

        foreach (var s in scenarios)
        {
            steps.AddRange(Scenario(s, embedded, costs));
        }

        if (compliance)
        {
            steps.Add(new PlannedStep(ComplianceStep, "", "residency and compliance check of the target (its policy)", costs.Compliance));
        }

        steps.Add(new PlannedStep(OutputsStep, "", "results.json, junit.xml, history, report", costs.Outputs));
        return new RunPlan(profile, steps);
    }

    private static IEnumerable<PlannedStep> Scenario(ScenarioDefinition s, bool embedded, PlanCosts costs)
    {
        PlannedStep Step(string what, TimeSpan d) => new(s.Name, s.Kind, what, d);
        switch (s.Kind)
        {
            case ScenarioKinds.ColdStart when s.ColdStart is { } c:
            {
                var n = Math.Max(1, c.Functions.Count);
                yield return Step($"{n} function(s) × {c.Repetitions} cold start(s)", costs.ColdStartCycle * (n * c.Repetitions));
                yield return Step($"{n} function(s) × {c.Repetitions} × {c.Warm} warm call(s)", costs.WarmCall * (n * c.Repetitions * c.Warm));
                yield break;
            }

            case ScenarioKinds.DeploymentChurn when s.Churn is { } ch:
            {
                var share = Math.Max(1, (int)Math.Ceiling(ch.Functions * ch.Percent / 100));
                yield return Step($"deploy {ch.Functions} function(s)", costs.Deploy * ch.Functions);
                yield return Step($"{ch.Cycles} cycle(s): {ch.Delay.TotalSeconds:0.#} s delay, re-create {share}", (ch.Delay + costs.Deploy * share) * ch.Cycles);
                yield break;
            }

            case ScenarioKinds.EtcdFsync when s.Node is { } node:
            {
                var writes = Math.Max(1, node.SizeBytes / Math.Max(1, node.BlockSize));
                yield return Step($"{writes:N0} writes with fdatasync ({Mib(node.SizeBytes)})", costs.Fdatasync * writes);
                if (node.Fio)
                {
                    yield return Step("the same job with fio", costs.Fdatasync * writes);
                }

                if (node.Etcd)
                {
                    yield return Step($"etcd: start and {node.Puts:N0} puts", costs.EtcdStart + costs.EtcdPut * node.Puts);
                }

                yield break;
            }

            case ScenarioKinds.Conntrack when s.Node is { } node:
                yield return Step(node.Lab ? $"lab: {node.Duration.TotalSeconds:0.##} s of churn" : $"sample for {node.Duration.TotalSeconds:0.##} s",
                    node.Duration + (node.Lab ? costs.LabSetup : TimeSpan.Zero));
                yield break;

            case ScenarioKinds.NodeAudit:
                yield return Step("read the node's settings", costs.NodeAudit);
                yield break;

            case ScenarioKinds.Capacity when s.Capacity is { } cap:
            {
                // At most every window runs; the ramp usually stops earlier, at the first that breaks.
                var windows = cap.MostWindows;
                yield return Step($"up to {windows} window(s) of {Secs(cap.StepDuration)}, {cap.StartRate:0.##}/s to {cap.MaxRate:0.##}/s{(cap.Refine > 0 ? $", {cap.Refine} of them refining" : "")}", cap.StepDuration * windows);
                yield break;
            }
        }

        if (s.Load is { } load)
        {
            var (what, length) = Load(load, costs);
            yield return Step(what, length);
            if (s.Kind == ScenarioKinds.Throughput && s.Baseline && s.Function is not null && embedded)
            {
                yield return Step("the same load direct to the watchdog (baseline)", length);
            }
        }
        else
        {
            yield return Step("(nothing the plan can time)", TimeSpan.Zero);
        }
    }

    private static (string What, TimeSpan Length) Load(LoadOptions load, PlanCosts costs)
    {
        var warm = load.WarmUp > TimeSpan.Zero ? load.WarmUp : TimeSpan.Zero;
        var warmText = warm > TimeSpan.Zero ? $"{Secs(warm)} warm-up + " : "";
        if (load.Stages.Count > 0)
        {
            var sum = TimeSpan.FromTicks(load.Stages.Sum(st => st.Duration.Ticks));
            return ($"{warmText}{load.Stages.Count} stage(s), {Secs(sum)}", warm + sum);
        }

        if (load.Duration is { } d)
        {
            return ($"{warmText}{Secs(d)} of load", warm + d);
        }

        var iterations = load.Iterations ?? 1;
        var vus = Math.Max(1, load.Vus ?? 1);
        return ($"{warmText}{iterations:N0} iteration(s) over {vus} VU(s)", warm + costs.Iteration * Math.Ceiling(iterations / (double)vus));
    }

    private static string Secs(TimeSpan t) => t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
}
