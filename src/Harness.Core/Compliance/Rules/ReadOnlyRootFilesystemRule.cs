using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>With the policy's readonly_root_filesystem requirement, every function must set the field.</summary>
internal sealed class ReadOnlyRootFilesystemRule : IComplianceRule
{
    public const string RuleId = "config.readonly-rootfs";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.OpenFaasReadOnly];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.ReadOnlyRootFilesystem)
        {
            yield break;
        }

        foreach (var f in evidence.Functions)
        {
            yield return f.ReadOnlyRootFilesystem
                ? FindingBuilder.Pass(RuleId, $"{f.Name}: read-only root filesystem", Severity.Medium, f.Name, [f.ReadOnlyEvidence], References)
                : FindingBuilder.Fail(RuleId, $"{f.Name}: root filesystem is writable", Severity.Medium, f.Name, [f.ReadOnlyEvidence],
                    "Set `readonly_root_filesystem: true`; write only to /tmp.", References);
        }
    }
}
