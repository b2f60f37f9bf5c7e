using k8s;

namespace Harness.Compliance.Collectors;

/// <summary>GET /api/v1/nodes through KubernetesClient, using a kubeconfig file.</summary>
internal sealed class KubernetesNodeLabelSource : INodeLabelSource, IDisposable
{
    private readonly Kubernetes _client;

    public KubernetesNodeLabelSource(string kubeconfigPath)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        Describe = $"{config.Host}/api/v1/nodes (kubeconfig {kubeconfigPath}, context {config.CurrentContext ?? "default"})";
        _client = new Kubernetes(config);
    }

    public string Describe { get; }

    public async Task<IReadOnlyList<(string Node, IReadOnlyDictionary<string, string> Labels)>> ListNodesAsync(CancellationToken cancellationToken)
    {
        var list = await _client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items
            .Select(n => (n.Metadata?.Name ?? "(unnamed)", (IReadOnlyDictionary<string, string>)(n.Metadata?.Labels ?? new Dictionary<string, string>())))
            .ToList();
    }

    public void Dispose() => _client.Dispose();
}
