namespace Harness.Results;

/// <summary>One check's outcome with what was looked at, so an auditor can follow it.</summary>
public sealed record Finding
{
    /// <summary>The rule's stable identifier, e.g. <c>config.non-root</c>.</summary>
    public required string RuleId { get; init; }
    /// <summary>A one-line title of the rule.</summary>
    public required string Title { get; init; }
    /// <summary>info, low, medium, high or critical.</summary>
    public required string Severity { get; init; }
    /// <summary>Whether the rule held.</summary>
    public required bool Passed { get; init; }
    /// <summary>The function, node or file the finding is about.</summary>
    public string? Subject { get; init; }
    /// <summary>What was observed, with where it came from.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    /// <summary>What to change when the rule does not hold.</summary>
    public string? Remediation { get; init; }
    /// <summary>Sources for the rule (regulation, benchmark, documentation).</summary>
    public IReadOnlyList<string> References { get; init; } = [];
}
