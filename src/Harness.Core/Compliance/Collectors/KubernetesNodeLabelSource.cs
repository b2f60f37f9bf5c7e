using Harness.Platform.Kubernetes;

namespace Harness.Compliance.Collectors;

/// <summary>GET /api/v1/nodes through a kubeconfig file (KubernetesClient stays inside Platform.Kubernetes).</summary>
internal sealed class KubernetesNodeLabelSource : INodeLabelSource, IDisposable
{
    private readonly KubernetesNodeLister _lister;

    /// <exception cref="KubernetesAccessException">The kubeconfig cannot be read or used.</exception>
    public KubernetesNodeLabelSource(string kubeconfigPath) => _lister = new KubernetesNodeLister(kubeconfigPath);

    public string Describe => _lister.Describe;

    public async Task<IReadOnlyList<(string Node, IReadOnlyDictionary<string, string> Labels)>> ListNodesAsync(CancellationToken cancellationToken)
    {
        var nodes = await _lister.ListAsync(cancellationToken).ConfigureAwait(false);
        return nodes.Select(n => (n.Name, n.Labels)).ToList();
    }

    public void Dispose() => _lister.Dispose();
}
