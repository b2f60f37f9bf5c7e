namespace Harness.Results;

/// <summary>The finished, immutable result of one <c>harness run</c>: what exporters, reports and history read.</summary>
public sealed record RunSummary
{
    /// <summary>Bumped on any breaking change of this schema.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The results.json schema version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>A unique identifier of the run.</summary>
    public required string RunId { get; init; }
    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When the run finished (UTC).</summary>
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>Smoke, default or pre-release.</summary>
    public string Profile { get; init; } = "default";
    /// <summary>The system that was measured.</summary>
    public required TargetInfo Target { get; init; }
    /// <summary>The machine the harness ran on.</summary>
    public required EnvironmentInfo Environment { get; init; }
    /// <summary>The scenarios' results, in the order they ran.</summary>
    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];
    /// <summary>Null when no compliance check ran.</summary>
    public ComplianceResult? Compliance { get; init; }
    /// <summary>True when the run was cancelled (Ctrl-C) and holds only what was measured until then.</summary>
    public bool Interrupted { get; init; }
}
