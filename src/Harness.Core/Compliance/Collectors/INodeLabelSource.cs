namespace Harness.Compliance.Collectors;

/// <summary>Lists cluster nodes with their labels; the seam that keeps KubernetesClient out of the rules and tests.</summary>
internal interface INodeLabelSource
{
    /// <summary>Where the labels come from, e.g. the API server URL.</summary>
    string Describe { get; }

    Task<IReadOnlyList<(string Node, IReadOnlyDictionary<string, string> Labels)>> ListNodesAsync(CancellationToken cancellationToken);
}
