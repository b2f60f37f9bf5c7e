using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// nginx talks HTTP/1.0 with <c>Connection: close</c> to upstreams unless told otherwise, so without
/// <c>proxy_http_version 1.1</c>, <c>proxy_set_header Connection ""</c> and <c>keepalive</c> in an <c>upstream</c>
/// block every request opens (and closes) a TCP connection to the gateway: connection churn, a socket in TIME_WAIT
/// for each request and a conntrack entry for each, which is what the connection-churn scenario measures.
/// </summary>
internal sealed class UpstreamKeepaliveRule : IComplianceRule
{
    public const string RuleId = "config.ingress-keepalive";
    private static readonly IReadOnlyList<string> References = [LegalReferences.NginxKeepalive, LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (evidence.Ingress is not { } ingress)
        {
            yield break;
        }

        foreach (var server in ingress.Servers.Where(s => s.Proxies))
        {
            var missing = new List<string>();
            var seen = new List<EvidenceItem>();
            foreach (var route in server.Routes)
            {
                var keepalive = route.Upstream is { } name && ingress.UpstreamKeepalive.TryGetValue(name, out var n) ? n : 0;
                seen.Add(new EvidenceItem("nginx",
                    $"location {route.Path}: proxy_pass {route.ProxyPass}; proxy_http_version {route.HttpVersion} ({route.HttpVersionSource}); " +
                    $"Connection header {(route.ClearsConnectionHeader ? "cleared (proxy_set_header Connection \"\")" : "not cleared (nginx sends Connection: close)")}; " +
                    $"upstream keepalive {(route.Upstream is null ? "none (proxy_pass names no upstream block)" : keepalive > 0 ? keepalive.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"not set in upstream {route.Upstream}")}",
                    route.Location));
                if (route.HttpVersion != "1.1")
                {
                    missing.Add($"{route.Path}: proxy_http_version 1.1");
                }

                if (!route.ClearsConnectionHeader)
                {
                    missing.Add($"{route.Path}: proxy_set_header Connection \"\"");
                }

                if (keepalive <= 0)
                {
                    missing.Add($"{route.Path}: an upstream block with keepalive");
                }
            }

            if (missing.Count == 0)
            {
                yield return FindingBuilder.Pass(RuleId, $"Ingress server {server.ServerName} keeps connections to the gateway alive (HTTP/1.1, Connection cleared, upstream keepalive)",
                    Severity.Medium, server.ServerName, seen, References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId,
                    $"Ingress server {server.ServerName} opens a new TCP connection to the gateway for every request (missing {string.Join("; ", missing)})",
                    Severity.Medium, server.ServerName, seen,
                    "Define `upstream gateway { server 127.0.0.1:8080; keepalive 64; }`, proxy_pass http://gateway, and set `proxy_http_version 1.1;` and `proxy_set_header Connection \"\";`. " +
                    "Without them every request leaves a socket in TIME_WAIT on the ingress (about 60 s each) and a conntrack entry: under load the ephemeral ports and the conntrack table fill (connection churn), and each request pays a TCP handshake.",
                    References);
            }
        }
    }
}
