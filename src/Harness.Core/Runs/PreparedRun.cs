using Harness.Compliance;
using Harness.Platform.Contracts;
using Harness.Results;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>A run read and checked but not started: its scenarios, its target, and every problem found on the way.</summary>
internal sealed record PreparedRun
{
    public required RunProfile Profile { get; init; }

    public required IReadOnlyList<ScenarioDefinition> Scenarios { get; init; }

    /// <summary>Every file error found (scenario files, duplicate names, target, policy, the pre-release gate); a run starts only with none.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>No scenario file was given and there is no scenarios/ directory to take the suite from.</summary>
    public bool NoSuite { get; init; }

    /// <summary>The target file, when the run has one (scenarios may instead name plain URLs).</summary>
    public TargetDefinition? Target { get; init; }

    public Func<CancellationToken, Task<IRunTarget>>? StartTarget { get; init; }

    /// <summary>How each spread scenario's load is spread, by scenario name (flags, then scenario file, then target file); the others run in this process.</summary>
    public IReadOnlyDictionary<string, Distributed.DistributedOptions> Distributed { get; init; } = new Dictionary<string, Distributed.DistributedOptions>();

    public bool CanStart => !NoSuite && Diagnostics.Count == 0 && StartTarget is not null;

    /// <summary>The residency check the run includes (the target's policy), or null.</summary>
    public Func<IRunTarget, CancellationToken, Task<ComplianceResult>>? ComplianceCheck() =>
        Target is null ? null : ResidencyRunHook.For(Target, Scenarios);

    /// <summary>What <c>--dry-run</c> shows: the steps in order, with the compliance check when the target has a policy.</summary>
    public RunPlan Plan() =>
        RunPlanner.Plan(Profile.Name, Scenarios, Target?.Kind == "embedded", Target is not null && ResidencyRunHook.For(Target) is not null, target: Target is not null);
}
