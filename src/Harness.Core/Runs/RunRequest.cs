using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>One <c>harness run</c>: the parsed scenarios, how to bring the target up, and where the outputs go.</summary>
internal sealed record RunRequest
{
    public required IReadOnlyList<ScenarioDefinition> Scenarios { get; init; }
    /// <summary>Starts (or connects to) the target; called once, before the first scenario.</summary>
    public required Func<CancellationToken, Task<IRunTarget>> StartTarget { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>The node: section of the --target file as given, or null (the node scenarios measure it).</summary>
    public Node.Access.NodeTarget? TargetNode { get; init; }
    public string Profile { get; init; } = "default";
    /// <summary>The history database this run is recorded in and compared against; null records nothing.</summary>
    public string? HistoryFile { get; init; }
    /// <summary>Compare against this named baseline instead of the previous run.</summary>
    public string? Baseline { get; init; }
    /// <summary>Pin this run as the named baseline once recorded.</summary>
    public string? PinBaseline { get; init; }
    /// <summary>A regression beyond tolerance makes the run exit 1.</summary>
    public bool FailOnRegression { get; init; }
    /// <summary>Allowed slowdown per scenario (fraction); null uses the scenario's regression tolerance or the default.</summary>
    public double? Tolerance { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>The scenarios spread over agents, by scenario name (<c>--agents N</c> or a <c>distributed:</c> section); the others run in this process.</summary>
    public IReadOnlyDictionary<string, Distributed.DistributedLoad> Distributed { get; init; } = new Dictionary<string, Distributed.DistributedLoad>();
    /// <summary>Writes report.pdf and summary.md from the summary (options carry the history's trends and verdicts); null skips them.</summary>
    public Func<Results.RunSummary, string, Reports.Model.ReportOptions, IReadOnlyList<string>>? WriteReport { get; init; }
    /// <summary>The residency check, run against the started target after the scenarios; null when the target names no policy.</summary>
    public Func<IRunTarget, CancellationToken, Task<Results.ComplianceResult>>? Compliance { get; init; }
}
