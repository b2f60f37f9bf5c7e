namespace Harness.Platform.Kubernetes;

/// <summary>A cluster node's name and labels.</summary>
/// <param name="Name">The node's name; <c>(unnamed)</c> when the API returned none.</param>
/// <param name="Labels">Its labels, e.g. <c>topology.kubernetes.io/region</c>; empty when it has none.</param>
public sealed record KubernetesNode(string Name, IReadOnlyDictionary<string, string> Labels);
