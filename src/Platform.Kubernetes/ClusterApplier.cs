using k8s;

namespace Harness.Platform.Kubernetes;

/// <summary>Server-side apply of <see cref="ClusterObject"/>s to the cluster a kubeconfig names (<c>harness k8s apply</c>).</summary>
public sealed class ClusterApplier : IDisposable
{
    private readonly k8s.Kubernetes _client;

    private ClusterApplier(k8s.Kubernetes client) => _client = client;

    /// <exception cref="KubernetesAccessException">The kubeconfig cannot be read or used.</exception>
    public static ClusterApplier Connect(string kubeconfigPath)
    {
        try
        {
            return new ClusterApplier(new k8s.Kubernetes(KubeconfigFile.Load(kubeconfigPath)));
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }
    }

    /// <summary>Creates or updates the object (field manager <paramref name="fieldManager"/>, <c>force</c>).</summary>
    /// <param name="onlyIfAbsent">Leave an existing object alone (a generated password must not change on every run); false then.</param>
    /// <returns>Whether it was applied.</returns>
    /// <exception cref="KubernetesAccessException">The API server refused it (the message has the status and its reason) or could not be reached.</exception>
    public async Task<bool> ApplyAsync(ClusterObject value, string fieldManager, CancellationToken cancellationToken, bool onlyIfAbsent = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            if (onlyIfAbsent && value.Value is k8s.Models.V1Secret secret)
            {
                try
                {
                    await _client.CoreV1.ReadNamespacedSecretAsync(secret.Metadata.Name, secret.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return false;
                }
                catch (Exception e) when (KubernetesErrors.IsNotFound(e))
                {
                    // Absent: apply it.
                }
            }

            await ServerSideApply.ApplyAsync(_client, value.Value, fieldManager, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            throw new KubernetesAccessException(KubernetesErrors.Describe(e), e);
        }
    }

    /// <summary>Disposes the Kubernetes client (its connections).</summary>
    public void Dispose() => _client.Dispose();
}
