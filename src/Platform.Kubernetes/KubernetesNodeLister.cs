using k8s;

namespace Harness.Platform.Kubernetes;

/// <summary><c>GET /api/v1/nodes</c> through a kubeconfig file: what the compliance check reads node regions from.</summary>
public sealed class KubernetesNodeLister : IDisposable
{
    private readonly k8s.Kubernetes _client;

    /// <exception cref="KubernetesAccessException">The kubeconfig cannot be read or used.</exception>
    public KubernetesNodeLister(string kubeconfigPath)
    {
        k8s.KubernetesClientConfiguration config;
        try
        {
            config = KubeconfigFile.Load(kubeconfigPath);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }

        Describe = $"{config.Host}/api/v1/nodes (kubeconfig {kubeconfigPath}, context {config.CurrentContext ?? "default"})";
        _client = new k8s.Kubernetes(config);
    }

    /// <summary>Where the nodes come from: the API server URL, kubeconfig and context.</summary>
    public string Describe { get; }

    /// <exception cref="KubernetesAccessException">The API server refused the call or could not be reached.</exception>
    public async Task<IReadOnlyList<KubernetesNode>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await _client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return list.Items
                .Select(n => new KubernetesNode(n.Metadata?.Name ?? "(unnamed)", (IReadOnlyDictionary<string, string>)(n.Metadata?.Labels ?? new Dictionary<string, string>())))
                .ToList();
        }
        catch (Exception e) when (KubernetesAccessException.From(e, "list nodes") is { } wrapped)
        {
            throw wrapped;
        }
    }

    /// <summary>Disposes the Kubernetes client (its connections).</summary>
    public void Dispose() => _client.Dispose();
}
