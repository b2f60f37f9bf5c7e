using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>The node's own configuration: DNS resolvers, time sources, time zone and tuning facts.</summary>
internal sealed record HostConfigFacts
{
    public IReadOnlyList<EndpointFact> Resolvers { get; init; } = [];
    public IReadOnlyList<EndpointFact> TimeServers { get; init; } = [];
    public string? Timezone { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    /// <summary>Facts from the node-tuning probes, when they ran.</summary>
    public IReadOnlyList<EvidenceItem> Tuning { get; init; } = [];
}
