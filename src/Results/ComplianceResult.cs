namespace Harness.Results;

/// <summary>The findings of a residency and configuration check against one policy.</summary>
public sealed record ComplianceResult
{
    public required string PolicyName { get; init; }
    public required string PolicyHash { get; init; }
    public string? PolicyFile { get; init; }
    /// <summary>Findings at or above this severity fail the run.</summary>
    public required string FailAt { get; init; }
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
