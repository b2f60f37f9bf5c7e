using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>Shorthand for the two outcomes a rule records.</summary>
internal static class FindingBuilder
{
    public static Finding Fail(string id, string title, Severity severity, string? subject, IEnumerable<EvidenceItem> evidence, string remediation, IReadOnlyList<string> references)
        => Make(id, title, severity, false, subject, evidence, remediation, references);

    public static Finding Pass(string id, string title, Severity severity, string? subject, IEnumerable<EvidenceItem> evidence, IReadOnlyList<string> references)
        => Make(id, title, severity, true, subject, evidence, null, references);

    /// <summary>A check that could not run for lack of input: not passed, info only, so it never fails the run.</summary>
    public static Finding NotChecked(string id, string title, string why, IReadOnlyList<string> references)
        => Make(id, title, Severity.Info, false, null, [new EvidenceItem("harness", why)], "Give the input named above to include this check.", references);

    private static Finding Make(string id, string title, Severity severity, bool passed, string? subject, IEnumerable<EvidenceItem> evidence, string? remediation, IReadOnlyList<string> references)
        => new()
        {
            RuleId = id,
            Title = title,
            Severity = severity.ToName(),
            Passed = passed,
            Subject = subject,
            Evidence = evidence.ToList(),
            Remediation = remediation,
            References = references,
        };
}
