using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Outer hops must wait at least as long as inner ones: an ingress proxy_read_timeout shorter than a function's
/// exec_timeout answers 504 while the function keeps running (and retries pile up).
/// </summary>
internal sealed class TimeoutAlignmentRule : IComplianceRule
{
    public const string RuleId = "config.timeouts-aligned";
    private static readonly IReadOnlyList<string> References = [LegalReferences.OpenFaasTimeouts, LegalReferences.NginxDocs];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.AlignedTimeouts || evidence.Functions.Count == 0)
        {
            yield break;
        }

        var proxying = evidence.Ingress?.Servers.Where(s => s.Proxies).ToList() ?? [];
        if (proxying.Count == 0)
        {
            yield return FindingBuilder.NotChecked(RuleId, "Timeouts across hops not checked",
                evidence.Ingress is null ? "no ingress configuration given (--nginx-conf)" : "no server in the ingress configuration proxies", References);
            yield break;
        }

        var ingress = proxying.MinBy(s => s.ProxyReadTimeout)!;
        var ingressEvidence = new EvidenceItem("nginx", ingress.ProxyReadTimeoutSource, ingress.Location);
        foreach (var f in evidence.Functions.Where(f => f.ExecTimeout is { } t && t > TimeSpan.Zero))
        {
            var exec = f.ExecTimeout!.Value;
            yield return exec <= ingress.ProxyReadTimeout
                ? FindingBuilder.Pass(RuleId, $"{f.Name}: exec_timeout {f.ExecTimeoutText} fits within the ingress proxy_read_timeout {ingress.ProxyReadTimeout.TotalSeconds:0.###}s",
                    Severity.Low, f.Name, [f.ExecTimeoutEvidence, ingressEvidence], References)
                : FindingBuilder.Fail(RuleId, $"{f.Name}: exec_timeout {f.ExecTimeoutText} is longer than the ingress proxy_read_timeout {ingress.ProxyReadTimeout.TotalSeconds:0.###}s",
                    Severity.Low, f.Name, [f.ExecTimeoutEvidence, ingressEvidence],
                    $"Raise proxy_read_timeout to at least {exec.TotalSeconds:0.###}s (plus a margin), or lower exec_timeout; the client gets a 504 while the function keeps running.",
                    References);
        }
    }
}
