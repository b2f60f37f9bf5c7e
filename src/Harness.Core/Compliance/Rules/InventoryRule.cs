using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Not a judgement: records what was inventoried (each function's image, secrets, labels and annotations; the ingress
/// files read) so the audit trail shows every input, including the ones no rule failed on.
/// </summary>
internal sealed class InventoryRule : IComplianceRule
{
    public const string RuleId = "inventory";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprProcessors, LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var f in evidence.Functions)
        {
            var what = $"{f.Secrets.Count} secret(s), {f.Labels.Count} label(s), {f.Annotations.Count} annotation(s)";
            yield return FindingBuilder.Pass(RuleId, $"{f.Name}: image {f.Image}; {what} recorded", Severity.Info, f.Name,
                [f.ImageEvidence, .. f.MetadataEvidence], References);
        }

        if (evidence.Ingress is { } ingress)
        {
            yield return FindingBuilder.Pass(RuleId, $"Ingress configuration recorded ({ingress.Servers.Count} server block(s))", Severity.Info, ingress.File,
                ingress.Evidence, References);
        }

        if (evidence.Gateway is { } gateway)
        {
            yield return FindingBuilder.Pass(RuleId, $"Gateway {gateway.Url} recorded (provider {gateway.Provider ?? "unknown"})", Severity.Info, gateway.Url,
                gateway.Evidence.Count > 0 ? gateway.Evidence : [new EvidenceItem("gateway", "no answer", gateway.Url)], References);
        }
    }
}
