using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>One cluster node's topology labels as the Kubernetes API reported them.</summary>
internal sealed record NodeRegion(string Node, string? Region, string? Zone, EvidenceItem Evidence);
