namespace Harness.Results;

/// <summary>The finished, immutable result of one <c>harness run</c>: what exporters, reports and history read.</summary>
public sealed record RunSummary
{
    /// <summary>Bumped on any breaking change of this schema.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>Smoke, default or pre-release.</summary>
    public string Profile { get; init; } = "default";
    public required TargetInfo Target { get; init; }
    public required EnvironmentInfo Environment { get; init; }
    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];
    /// <summary>Null when no compliance check ran.</summary>
    public ComplianceResult? Compliance { get; init; }
    /// <summary>True when the run was cancelled (Ctrl-C) and holds only what was measured until then.</summary>
    public bool Interrupted { get; init; }
}
