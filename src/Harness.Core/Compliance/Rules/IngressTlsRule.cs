using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>Every ingress server that carries function traffic must terminate TLS with a certificate and key.</summary>
internal sealed class IngressTlsRule : IComplianceRule
{
    public const string RuleId = "config.ingress-tls";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.IngressTls)
        {
            yield break;
        }

        if (evidence.Ingress is not { } ingress)
        {
            yield return FindingBuilder.NotChecked(RuleId, "Ingress TLS not checked", "no ingress configuration given (--nginx-conf)", References);
            yield break;
        }

        var relevant = ingress.Servers.Where(s => s.Proxies || s.Tls).ToList();
        if (relevant.Count == 0)
        {
            yield return FindingBuilder.Fail(RuleId, "The ingress configuration has no server that proxies to the gateway", Severity.Medium, ingress.File, ingress.Evidence,
                "Check that --nginx-conf is the configuration in use.", References);
        }

        foreach (var s in relevant)
        {
            var seen = new EvidenceItem("nginx", $"server {s.ServerName}: listen {string.Join(" | ", s.Listens)}; ssl_certificate {s.Certificate ?? "(none)"}; ssl_certificate_key {s.CertificateKey ?? "(none)"}", s.Location);
            if (!s.Tls)
            {
                yield return FindingBuilder.Fail(RuleId, $"Ingress server {s.ServerName} proxies without TLS", Severity.High, s.ServerName, [seen],
                    "Listen with `listen 443 ssl;` and set ssl_certificate and ssl_certificate_key; make port 80 only `return 301 https://$host$request_uri;`.", References);
            }
            else if (s.Certificate is null || s.CertificateKey is null)
            {
                yield return FindingBuilder.Fail(RuleId, $"Ingress server {s.ServerName} listens with ssl but has no certificate or key", Severity.High, s.ServerName, [seen],
                    "Set ssl_certificate and ssl_certificate_key (in the server or the http block).", References);
            }
            else
            {
                yield return FindingBuilder.Pass(RuleId, $"Ingress server {s.ServerName} terminates TLS", Severity.High, s.ServerName, [seen], References);
            }
        }
    }
}
