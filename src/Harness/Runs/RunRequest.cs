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
    /// <summary>The --target file as given, or null (node scenarios read its node: section).</summary>
    public string? TargetFile { get; init; }
    public string Profile { get; init; } = "default";
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Writes report.pdf and summary.md from the summary; null skips them.</summary>
    public Func<Results.RunSummary, string, IReadOnlyList<string>>? WriteReport { get; init; }
    /// <summary>The residency check, run against the started target after the scenarios; null when the target names no policy.</summary>
    public Func<IRunTarget, CancellationToken, Task<Results.ComplianceResult>>? Compliance { get; init; }
}
