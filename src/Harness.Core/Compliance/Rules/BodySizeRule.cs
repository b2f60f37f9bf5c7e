using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Request-body limits end to end: the ingress's <c>client_max_body_size</c> (nginx default 1m; 0 = unlimited), the
/// gateway's own limit, and the largest body the run's scenarios send. The smaller limit is the one in force, and the
/// finding names it; a payload above it is refused (413) before any function sees it.
/// </summary>
internal sealed class BodySizeRule : IComplianceRule
{
    public const string RuleId = "config.body-size";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.NginxDocs];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        var gateway = evidence.Gateway;
        var gatewayLimit = gateway?.BodyLimit ?? (gateway is { IsHarness: true } ? 64L << 20 : null);
        var gatewayNote = new EvidenceItem("gateway", gateway switch
        {
            { BodyLimit: { } b } => $"gateway {gateway.Url}: request bodies up to {Bytes(b)}",
            { IsHarness: true } => $"Harness gateway {gateway.Url}: limit not reported; its default {Bytes(64L << 20)}",
            not null => $"gateway {gateway.Url} (provider {gateway.Provider ?? "unknown"}): no body limit reported",
            null => "no gateway asked: its body limit is not known",
        }, gateway?.Url);
        var largest = evidence.ScenarioPayloads.Count > 0 ? evidence.ScenarioPayloads.MaxBy(p => p.Value) : (KeyValuePair<string, long>?)null;
        var payloadNote = largest is { } l
            ? new EvidenceItem("scenarios", $"largest request body the run sends: {Bytes(l.Value)} (scenario {l.Key}); {string.Join(", ", evidence.ScenarioPayloads.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {Bytes(p.Value)}"))}")
            : null;

        var servers = evidence.Ingress?.Servers.Where(s => s.Proxies).ToList() ?? [];
        if (servers.Count == 0)
        {
            if (largest is { } p && gatewayLimit is { } g)
            {
                var seen = new[] { gatewayNote, payloadNote! };
                yield return p.Value > g
                    ? FindingBuilder.Fail(RuleId, $"Scenario {p.Key} sends {Bytes(p.Value)}, above the gateway's limit of {Bytes(g)}", Severity.Medium, gateway!.Url, seen,
                        "Lower the payload or raise the gateway's body limit.", References)
                    : FindingBuilder.Pass(RuleId, $"Gateway {gateway!.Url}: request bodies limited to {Bytes(g)} (the limit in force; no ingress given); the largest payload sent is {Bytes(p.Value)}", Severity.Low, gateway.Url, seen, References);
            }

            yield break;
        }

        foreach (var s in servers)
        {
            var ingressNote = new EvidenceItem("nginx", $"server {s.ServerName}: client_max_body_size {(s.ClientMaxBodySize == 0 ? "0 (unlimited)" : Bytes(s.ClientMaxBodySize))} ({s.ClientMaxBodySizeSource})", s.Location);
            var seen = payloadNote is null ? new[] { ingressNote, gatewayNote } : [ingressNote, gatewayNote, payloadNote];
            long? ingressLimit = s.ClientMaxBodySize == 0 ? null : s.ClientMaxBodySize;
            var (limit, who) = (ingressLimit, gatewayLimit) switch
            {
                (null, null) => ((long?)null, "nothing"),
                ({ } i, null) => (i, "the ingress's client_max_body_size"),
                (null, { } g) => (g, "the gateway's limit"),
                ({ } i, { } g) => i <= g ? (i, "the ingress's client_max_body_size") : (g, "the gateway's limit"),
            };
            var other = who.StartsWith("the ingress", StringComparison.Ordinal)
                ? (gatewayLimit is { } gl ? $"the gateway allows {Bytes(gl)}" : "the gateway's limit is not known")
                : (ingressLimit is { } il ? $"the ingress allows {Bytes(il)}" : "the ingress has no limit (client_max_body_size 0)");
            if (limit is null)
            {
                yield return FindingBuilder.Fail(RuleId, $"Ingress server {s.ServerName}: request body size is unlimited (client_max_body_size 0, and no gateway limit is known)", Severity.Low, s.ServerName, seen,
                    "Set client_max_body_size to the largest payload a function accepts (e.g. 10m).", References);
            }
            else if (largest is { } p && p.Value > limit)
            {
                yield return FindingBuilder.Fail(RuleId, $"Ingress server {s.ServerName}: scenario {p.Key} sends {Bytes(p.Value)}, but {who} of {Bytes(limit.Value)} refuses it with 413 ({other})", Severity.Medium, s.ServerName, seen,
                    $"Raise client_max_body_size to at least {Bytes(p.Value)} (and keep it at or below the gateway's limit), or send smaller payloads.", References);
            }
            else
            {
                var sent = largest is { } q ? $"; the largest payload sent is {Bytes(q.Value)}" : string.Empty;
                yield return FindingBuilder.Pass(RuleId, $"Ingress server {s.ServerName}: request bodies limited to {Bytes(limit.Value)} by {who}, the limit in force ({other}){sent}", Severity.Low, s.ServerName, seen, References);
            }
        }
    }

    private static string Bytes(long bytes)
        => bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB ({bytes} bytes)"
            : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? $"{bytes >> 10} KiB ({bytes} bytes)"
            : $"{bytes} bytes";
}
