using Harness.Distributed;
using Harness.Platform.Contracts;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>
/// Decides, scenario by scenario, how a run's load is spread: field by field the flags first, then the scenario file's
/// <c>distributed:</c> section, then the target file's. A target's section applies to the scenarios that can be spread
/// (the others run in this process, as without it); asking for agents on the command line or in a scenario file for a
/// kind that cannot be spread is an error, as is a Kubernetes flag when the runtime is not kubernetes.
/// </summary>
internal static class RunDistribution
{
    public const string CommandLine = "command line";

    /// <summary>The distribution of every scenario that is spread, by scenario name; problems go to <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyDictionary<string, DistributedOptions> Resolve(
        DistributedSection? flags, IReadOnlyList<ScenarioDefinition> scenarios, TargetDefinition? target, List<Diagnostic> diagnostics)
    {
        var plans = new Dictionary<string, DistributedOptions>(StringComparer.Ordinal);
        var flagProblem = false;
        foreach (var scenario in scenarios)
        {
            var why = ScenarioKinds.NotDistributable(scenario.Kind);
            var fromTarget = why is null ? target?.Distributed : null;
            var options = Merge(flags, scenario.Distributed, fromTarget, target?.Kubeconfig);
            if (why is null && flags is not null && KubernetesFlags(flags).Length > 0 && options.Runtime != DistributedOptions.Kubernetes && !flagProblem)
            {
                flagProblem = true;
                diagnostics.Add(new Diagnostic(CommandLine, 0, 0, KubernetesFlags(flags),
                    $"for Kubernetes agents, but the agents of {scenario.Name} run {options.Runtime}: add --agent-runtime kubernetes (or runtime: kubernetes to a distributed: section)"));
            }

            if (!options.IsDistributed)
            {
                continue;
            }

            if (why is not null)
            {
                // Only the flags can get here (a scenario file's own section was checked by its parser).
                diagnostics.Add(new Diagnostic(scenario.File, 0, 0, "kind",
                    $"a {scenario.Kind} scenario cannot be spread over agents ({Asked(flags)}): {why}; run it without them, or run the scenarios that can be spread (http, throughput, connection-churn) on their own"));
                continue;
            }

            if (options.Runtime == DistributedOptions.Kubernetes && options.Image is null)
            {
                diagnostics.Add(new Diagnostic(scenario.File, 0, 0, "distributed.image",
                    "kubernetes agents need the harness image: --agent-image IMAGE, or image: in a distributed: section of the scenario or target file"));
                continue;
            }

            plans[scenario.Name] = options;
        }

        return plans;
    }

    /// <summary>One scenario's distribution: each field from the first source that sets it.</summary>
    public static DistributedOptions Merge(DistributedSection? flags, DistributedSection? scenario, DistributedSection? target, string? targetKubeconfig = null)
    {
        DistributedSection[] sources = [.. new[] { flags, scenario, target }.OfType<DistributedSection>()];
        return new DistributedOptions
        {
            Agents = sources.Select(s => s.Agents).FirstOrDefault(v => v is not null) ?? 1,
            Runtime = sources.Select(s => s.Runtime).FirstOrDefault(v => v is not null) ?? DistributedOptions.Local,
            Spread = sources.Select(s => s.Spread).FirstOrDefault(v => v is not null) ?? false,
            Cpu = sources.Select(s => s.Cpu).FirstOrDefault(v => v is not null),
            Memory = sources.Select(s => s.Memory).FirstOrDefault(v => v is not null),
            Image = sources.Select(s => s.Image).FirstOrDefault(v => v is not null),
            Namespace = sources.Select(s => s.Namespace).FirstOrDefault(v => v is not null),
            // The target file's own kubeconfig: (for its faas-netes functions) is the cluster most runs mean.
            Kubeconfig = sources.Select(s => s.Kubeconfig).FirstOrDefault(v => v is not null) ?? targetKubeconfig,
        };
    }

    private static string Asked(DistributedSection? flags) =>
        flags is { Agents: > 1 } ? $"--agents {flags.Agents}" : "--agent-runtime kubernetes";

    private static string KubernetesFlags(DistributedSection flags) => string.Join(", ", new[]
    {
        flags.Image is null ? null : "--agent-image",
        flags.Namespace is null ? null : "--agent-namespace",
        flags.Spread is null ? null : "--agent-spread",
        flags.Cpu is null ? null : "--agent-cpu",
        flags.Memory is null ? null : "--agent-memory",
    }.OfType<string>());
}
