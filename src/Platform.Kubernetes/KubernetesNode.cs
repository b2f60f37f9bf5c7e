namespace Harness.Platform.Kubernetes;

/// <summary>A cluster node's name and labels.</summary>
public sealed record KubernetesNode(string Name, IReadOnlyDictionary<string, string> Labels);
