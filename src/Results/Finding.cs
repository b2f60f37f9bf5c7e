namespace Harness.Results;

/// <summary>One check's outcome with what was looked at, so an auditor can follow it.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required string Title { get; init; }
    /// <summary>info, low, medium, high or critical.</summary>
    public required string Severity { get; init; }
    public required bool Passed { get; init; }
    /// <summary>The function, node or file the finding is about.</summary>
    public string? Subject { get; init; }
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    public string? Remediation { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
}
