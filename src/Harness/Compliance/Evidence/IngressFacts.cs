using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>The ingress (nginx) configuration as parsed, with every file it read.</summary>
internal sealed record IngressFacts
{
    public required string File { get; init; }
    public IReadOnlyList<IngressServer> Servers { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
}
