using Harness.Compliance.Evidence;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>Reads each node's topology labels; falls back to the pre-1.17 failure-domain labels and says so.</summary>
internal static class NodeRegionCollector
{
    public const string RegionLabel = "topology.kubernetes.io/region";
    public const string ZoneLabel = "topology.kubernetes.io/zone";
    public const string DeprecatedRegionLabel = "failure-domain.beta.kubernetes.io/region";
    public const string DeprecatedZoneLabel = "failure-domain.beta.kubernetes.io/zone";

    public static async Task<NodeLocationFacts> CollectAsync(INodeLabelSource source, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Node, IReadOnlyDictionary<string, string> Labels)> nodes;
        try
        {
            nodes = await source.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Harness.Platform.Kubernetes.KubernetesAccessException or IOException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return new NodeLocationFacts { Failure = new EvidenceItem("kubernetes", $"listing nodes failed: {ex.Message}", source.Describe) };
        }

        var regions = new List<NodeRegion>();
        foreach (var (node, labels) in nodes)
        {
            var region = Label(labels, RegionLabel, DeprecatedRegionLabel, out var regionFrom);
            var zone = Label(labels, ZoneLabel, DeprecatedZoneLabel, out var zoneFrom);
            var observed = $"node {node}: {regionFrom ?? RegionLabel}={region ?? "(missing)"}, {zoneFrom ?? ZoneLabel}={zone ?? "(missing)"}";
            if (regionFrom == DeprecatedRegionLabel)
            {
                observed += " (deprecated label since v1.17)";
            }

            regions.Add(new NodeRegion(node, region, zone, new EvidenceItem("kubernetes", observed, source.Describe)));
        }

        return new NodeLocationFacts { Nodes = regions };
    }

    private static string? Label(IReadOnlyDictionary<string, string> labels, string current, string deprecated, out string? from)
    {
        if (labels.TryGetValue(current, out var value) && value.Length > 0)
        {
            from = current;
            return value;
        }

        if (labels.TryGetValue(deprecated, out value) && value.Length > 0)
        {
            from = deprecated;
            return value;
        }

        from = null;
        return null;
    }
}
