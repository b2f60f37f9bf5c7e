using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Outer hops must wait at least as long as inner ones (ingress ≥ gateway upstream timeout ≥ the function's own limit):
/// otherwise the outer hop answers 502/504 while the function keeps running, and retries pile up. Every finding names
/// each hop's effective value (defaults included) and which one really ends a slow request.
/// </summary>
internal sealed class TimeoutAlignmentRule : IComplianceRule
{
    public const string RuleId = "config.timeouts-aligned";
    private static readonly IReadOnlyList<string> References = [LegalReferences.OpenFaasTimeouts, LegalReferences.WatchdogDefaults, LegalReferences.NginxDocs];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.AlignedTimeouts || evidence.Functions.Count == 0)
        {
            yield break;
        }

        var (gatewayTimeout, gatewaySource) = EffectiveTimeouts.Gateway(evidence.Gateway);
        var ingress = evidence.Ingress?.Servers.Where(s => s.Proxies).MinBy(s => s.ProxyReadTimeout);
        var ingressNote = ingress is null
            ? new EvidenceItem("nginx", evidence.Ingress is null ? "no ingress configuration given (--nginx-conf): the client talks to the gateway directly" : "no server in the ingress configuration proxies", evidence.Ingress?.File)
            : new EvidenceItem("nginx", $"server {ingress.ServerName}: proxy_read_timeout {EffectiveTimeouts.Seconds(ingress.ProxyReadTimeout)} ({ingress.ProxyReadTimeoutSource}); proxy_send_timeout {EffectiveTimeouts.Seconds(ingress.ProxySendTimeout)} ({ingress.ProxySendTimeoutSource})", ingress.Location);
        var gatewayNote = new EvidenceItem("gateway", gatewaySource, evidence.Gateway?.Url);
        foreach (var f in evidence.Functions)
        {
            var bound = EffectiveTimeouts.For(f);
            var seen = new[] { f.ExecTimeoutEvidence, new EvidenceItem("harness", bound.Explanation, f.Location), gatewayNote, ingressNote };
            var hops = new List<(string Hop, TimeSpan Timeout)> { ("gateway upstream timeout", gatewayTimeout) };
            if (ingress is not null)
            {
                hops.Add(("ingress proxy_read_timeout", ingress.ProxyReadTimeout));
            }

            if (bound.Limit is not { } function)
            {
                var outer = hops.MinBy(h => h.Timeout);
                yield return FindingBuilder.Fail(RuleId, $"{f.Name}: the function's own limit is not known ({bound.Watchdog}); the {outer.Hop} {EffectiveTimeouts.Seconds(outer.Timeout)} ends the client's wait first, not the function",
                    Severity.Low, f.Name, seen, "Set exec_timeout (and write_timeout) on the function below the gateway's upstream timeout.", References);
                continue;
            }

            var all = hops.Prepend((Hop: "function " + bound.Watchdog, Timeout: function)).ToList();
            var applies = all.MinBy(h => h.Timeout);
            var figures = string.Join(", ", all.Select(h => $"{h.Item1} {EffectiveTimeouts.Seconds(h.Item2)}"));
            var misaligned = hops.Where(h => h.Timeout < function).ToList();
            if (ingress is not null && ingress.ProxyReadTimeout < gatewayTimeout)
            {
                misaligned.Add(("ingress proxy_read_timeout (below the gateway's)", ingress.ProxyReadTimeout));
            }

            if (misaligned.Count == 0)
            {
                var unused = all.Where(h => h.Timeout > function).Select(h => $"{h.Item1} {EffectiveTimeouts.Seconds(h.Item2)}").ToList();
                yield return FindingBuilder.Pass(RuleId,
                    $"{f.Name}: the function's {EffectiveTimeouts.Seconds(function)} ({bound.Watchdog}) is the limit in force; the outer hops wait longer and never end a call first{(unused.Count > 0 ? $" ({string.Join(", ", unused)})" : string.Empty)}",
                    Severity.Low, f.Name, seen, References);
            }
            else
            {
                var title = applies.Timeout < function
                    ? $"{f.Name}: the {applies.Hop} {EffectiveTimeouts.Seconds(applies.Timeout)} applies before the function's own {EffectiveTimeouts.Seconds(function)} ({figures})"
                    : $"{f.Name}: the ingress proxy_read_timeout {EffectiveTimeouts.Seconds(ingress!.ProxyReadTimeout)} is below the gateway's upstream timeout {EffectiveTimeouts.Seconds(gatewayTimeout)}; the function's {EffectiveTimeouts.Seconds(function)} applies today, but the hops are not aligned ({figures})";
                yield return FindingBuilder.Fail(RuleId,
                    title,
                    Severity.Low, f.Name, seen,
                    $"Make each outer hop wait longer than the one inside it: function {EffectiveTimeouts.Seconds(function)} < gateway upstream timeout < ingress proxy_read_timeout; otherwise the client gets 502/504 while the function keeps running.",
                    References);
            }
        }
    }
}
