using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>client_max_body_size 0 lets any client stream unlimited bodies into functions.</summary>
internal sealed class BodySizeRule : IComplianceRule
{
    public const string RuleId = "config.body-size";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.NginxDocs];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var s in evidence.Ingress?.Servers.Where(s => s.Proxies) ?? [])
        {
            var seen = new EvidenceItem("nginx", s.ClientMaxBodySizeSource, s.Location);
            yield return s.ClientMaxBodySize == 0
                ? FindingBuilder.Fail(RuleId, $"Ingress server {s.ServerName}: request body size is unlimited", Severity.Low, s.ServerName, [seen],
                    "Set client_max_body_size to the largest payload a function accepts (e.g. 10m).", References)
                : FindingBuilder.Pass(RuleId, $"Ingress server {s.ServerName}: request bodies limited to {s.ClientMaxBodySize} bytes", Severity.Low, s.ServerName, [seen], References);
        }
    }
}
