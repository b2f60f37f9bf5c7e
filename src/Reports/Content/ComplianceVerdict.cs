using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>Which failed findings fail the run: those at or above the policy's fail-at severity.</summary>
internal static class ComplianceVerdict
{
    public static int Rank(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    };

    public static IReadOnlyList<Finding> Failing(ComplianceResult c)
        => c.Findings.Where(f => !f.Passed && Rank(f.Severity) >= Rank(c.FailAt)).ToList();
}
