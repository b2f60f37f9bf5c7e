namespace Harness.Results;

/// <summary>The findings of a residency and configuration check against one policy.</summary>
public sealed record ComplianceResult
{
    /// <summary>The policy's name, as written in the policy file.</summary>
    public required string PolicyName { get; init; }
    /// <summary>The policy file's hash (<c>sha256:…</c>), so a report names exactly the policy it was judged against.</summary>
    public required string PolicyHash { get; init; }
    /// <summary>The policy file's path.</summary>
    public string? PolicyFile { get; init; }
    /// <summary>Findings at or above this severity fail the run.</summary>
    public required string FailAt { get; init; }
    /// <summary>The findings, one per rule checked.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
