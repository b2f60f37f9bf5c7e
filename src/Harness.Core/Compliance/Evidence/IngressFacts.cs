using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>The ingress (nginx) configuration as parsed, with every file it read.</summary>
internal sealed record IngressFacts
{
    public required string File { get; init; }
    public IReadOnlyList<IngressServer> Servers { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    /// <summary>What nginx -t said; null when the test was not attempted.</summary>
    public NginxSyntaxFacts? Syntax { get; init; }
    /// <summary>upstream blocks by name, with their keepalive connection count (0 = none).</summary>
    public IReadOnlyDictionary<string, int> UpstreamKeepalive { get; init; } = new Dictionary<string, int>();
}
