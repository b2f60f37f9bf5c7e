using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>Everything the collectors saw; the rules read only this. A null part means its collector did not run.</summary>
internal sealed record EvidenceBundle
{
    public IReadOnlyList<FunctionFacts> Functions { get; init; } = [];
    public IReadOnlyList<EndpointFact> Endpoints { get; init; } = [];
    /// <summary>Stack files read; empty when none were given.</summary>
    public IReadOnlyList<string> StackFiles { get; init; } = [];
    public GatewayFacts? Gateway { get; init; }
    public NodeLocationFacts? NodeLocation { get; init; }
    public HostConfigFacts? HostConfig { get; init; }
    public IngressFacts? Ingress { get; init; }
    /// <summary>The largest request body each scenario of the run sends (empty outside <c>harness run</c>).</summary>
    public IReadOnlyDictionary<string, long> ScenarioPayloads { get; init; } = new Dictionary<string, long>();
    /// <summary>Where collectors looked and found nothing usable, kept for the audit trail.</summary>
    public IReadOnlyList<EvidenceItem> Notes { get; init; } = [];
}
