using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>A function with no exec_timeout (or 0) and no ingress read timeout in front can hold a request and a process forever.</summary>
internal sealed class ExecTimeoutRule : IComplianceRule
{
    public const string RuleId = "config.exec-timeout";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.OpenFaasTimeouts];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        var proxying = evidence.Ingress?.Servers.Where(s => s.Proxies).ToList() ?? [];
        foreach (var f in evidence.Functions)
        {
            if (f.ExecTimeout is { } t && t > TimeSpan.Zero)
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Name}: exec_timeout {f.ExecTimeoutText}", Severity.Medium, f.Name, [f.ExecTimeoutEvidence], References);
            }
            else if (proxying.Count > 0)
            {
                var bound = proxying.MinBy(s => s.ProxyReadTimeout)!;
                yield return FindingBuilder.Pass(RuleId, $"{f.Name}: no exec_timeout, but the ingress gives up after {bound.ProxyReadTimeout.TotalSeconds:0.###}s",
                    Severity.Medium, f.Name, [f.ExecTimeoutEvidence, new EvidenceItem("nginx", bound.ProxyReadTimeoutSource, bound.Location)], References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId, $"{f.Name}: exec_timeout is unbounded and no ingress limit was found", Severity.Medium, f.Name,
                    [f.ExecTimeoutEvidence, new EvidenceItem("nginx", evidence.Ingress is null ? "no ingress configuration given (--nginx-conf)" : "no server in the ingress configuration proxies", evidence.Ingress?.File)],
                    "Set `environment: {exec_timeout: 10s}` (and read_timeout/write_timeout a little above it), and put an ingress with proxy_read_timeout in front.",
                    References);
            }
        }
    }
}
