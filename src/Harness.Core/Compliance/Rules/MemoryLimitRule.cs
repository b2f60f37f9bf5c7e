using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>Every function needs limits.memory: without it one function can take the node's memory and the OOM killer picks the victims.</summary>
internal sealed class MemoryLimitRule : IComplianceRule
{
    public const string RuleId = "config.memory-limit";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.OpenFaasLimits];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.MemoryLimit)
        {
            yield break;
        }

        foreach (var f in evidence.Functions)
        {
            yield return f.MemoryLimit is { Length: > 0 } limit
                ? FindingBuilder.Pass(RuleId, $"{f.Name}: memory limit {limit}", Severity.Medium, f.Name, [f.MemoryEvidence], References)
                : FindingBuilder.Fail(RuleId, $"{f.Name}: no memory limit", Severity.Medium, f.Name, [f.MemoryEvidence],
                    "Add `limits: {memory: 128Mi}` to the function (the schema's spelling; `limits_memory: 128m` is not a stack field and is ignored). " +
                    "Without a limit, a leaking or overloaded function can exhaust the node and the kernel's OOM killer may kill the gateway or other tenants' functions.",
                    References);
        }
    }
}
