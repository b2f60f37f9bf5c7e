using Harness.Compliance.Evidence;
using Harness.Results;

namespace Harness.Compliance;

/// <summary>The check's result: the findings (for results.json and the report), whether the policy threshold was reached, and the evidence.</summary>
internal sealed record ResidencyCheckOutcome(ComplianceResult Result, bool Failed, EvidenceBundle Evidence)
{
    /// <summary>0 when no failed finding reaches the policy's threshold, 1 when one does.</summary>
    public int ExitCode => Failed ? 1 : 0;
}
