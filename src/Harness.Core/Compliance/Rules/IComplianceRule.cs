using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>A pure check: evidence and policy in, findings out (passed ones too). No I/O.</summary>
internal interface IComplianceRule
{
    string Id { get; }

    IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence);
}
