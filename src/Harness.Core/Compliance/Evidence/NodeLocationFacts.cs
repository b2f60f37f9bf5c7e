using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>Where the nodes are: labels read from a cluster, or a location a target file declares.</summary>
internal sealed record NodeLocationFacts
{
    public IReadOnlyList<NodeRegion> Nodes { get; init; } = [];
    /// <summary>Set when the location came from a target file: declared, not verified.</summary>
    public DeclaredLocation? Declared { get; init; }
    /// <summary>Set when the cluster could not be asked (bad kubeconfig, API error).</summary>
    public EvidenceItem? Failure { get; init; }
}
