using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// <c>/system/logs?follow=true</c> is a stream (NDJSON); with <c>proxy_buffering</c> on (nginx's default) nginx holds it
/// until a buffer fills, so <c>faas-cli logs NAME</c> shows nothing through the ingress.
/// </summary>
internal sealed class LogStreamingRule : IComplianceRule
{
    public const string RuleId = "config.ingress-log-streaming";
    private const string LogsPath = "/system/logs";
    private static readonly IReadOnlyList<string> References = [LegalReferences.NginxBuffering];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var server in evidence.Ingress?.Servers.Where(s => s.Proxies) ?? [])
        {
            if (Match(server.Routes) is not { } route)
            {
                yield return FindingBuilder.Pass(RuleId, $"Ingress server {server.ServerName} does not proxy {LogsPath} (logs are not reachable through it)", Severity.Low, server.ServerName,
                    [new EvidenceItem("nginx", $"no proxying location matches {LogsPath}", server.Location)], References);
                continue;
            }

            var seen = new EvidenceItem("nginx", $"{LogsPath} is served by location {route.Path}: proxy_buffering {(route.Buffering ? "on" : "off")} ({route.BufferingSource}); proxy_read_timeout {route.ReadTimeout.TotalSeconds:0.###}s ({route.ReadTimeoutSource})", route.Location);
            yield return route.Buffering
                ? FindingBuilder.Fail(RuleId, $"Ingress server {server.ServerName} buffers {LogsPath}: followed logs do not stream", Severity.Low, server.ServerName, [seen],
                    $"Add `location {LogsPath} {{ proxy_pass ...; proxy_buffering off; proxy_read_timeout 1h; }}` so `faas-cli logs NAME` (follow) streams; a long read timeout keeps an idle follow open.",
                    References)
                : FindingBuilder.Pass(RuleId, $"Ingress server {server.ServerName} streams {LogsPath} (proxy_buffering off)", Severity.Low, server.ServerName, [seen], References);
        }
    }

    /// <summary>nginx's choice among prefix locations: an exact match, else the longest matching prefix (regex locations are not evaluated).</summary>
    private static IngressRoute? Match(IReadOnlyList<IngressRoute> routes)
    {
        static (string Modifier, string Prefix) Split(string path)
        {
            var parts = path.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 ? (parts[0], parts[1]) : (string.Empty, parts[0]);
        }

        var exact = routes.FirstOrDefault(r => Split(r.Path) is ("=", LogsPath));
        return exact ?? routes
            .Select(r => (Route: r, Parts: Split(r.Path)))
            .Where(x => x.Parts.Modifier is "" or "^~" && LogsPath.StartsWith(x.Parts.Prefix, StringComparison.Ordinal))
            .OrderByDescending(x => x.Parts.Prefix.Length)
            .Select(x => x.Route)
            .FirstOrDefault();
    }
}
