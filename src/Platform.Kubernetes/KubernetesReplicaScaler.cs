using System.Globalization;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// Scales a function's Deployment (faas-netes names it after the function) to 0 through the Kubernetes API and waits until
/// no pod labelled <c>faas_function=NAME</c> is left: the cold start the OpenFaaS CE gateway's scale clamp does not allow.
/// </summary>
public sealed class KubernetesReplicaScaler : Contracts.IReplicaScaler
{
    private readonly k8s.Kubernetes _client;
    private readonly string _namespace;
    private readonly TimeProvider _time;

    private KubernetesReplicaScaler(k8s.Kubernetes client, string @namespace, string server, TimeProvider time)
    {
        _client = client;
        _namespace = @namespace;
        _time = time;
        Description = $"Kubernetes API {server}, Deployment in namespace {@namespace}";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Connects with a kubeconfig file (its current context).</summary>
    /// <exception cref="KubernetesAccessException">The kubeconfig cannot be read or used.</exception>
    public static KubernetesReplicaScaler Connect(string kubeconfigPath, string @namespace = "openfaas-fn", TimeProvider? time = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubeconfigFile.Load(kubeconfigPath);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }

        return new KubernetesReplicaScaler(new k8s.Kubernetes(config), @namespace, config.Host, time ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public async Task ScaleToZeroAsync(string function, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var patch = new V1Patch("{\"spec\":{\"replicas\":0}}", V1Patch.PatchType.MergePatch);
        try
        {
            await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, function, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            throw new InvalidOperationException($"no Deployment {_namespace}/{function} on the Kubernetes API", e);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            throw new InvalidOperationException($"scale Deployment {_namespace}/{function} to 0: {KubernetesErrors.Describe(e)}", e);
        }

        // Backoff from 50 ms to 1 s: a pod's termination grace is seconds, and each poll is an API read.
        var deadline = _time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var pods = await _client.CoreV1.ListNamespacedPodAsync(_namespace, labelSelector: $"{KubernetesNames.FunctionLabel}={function}", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (pods.Items.Count == 0)
            {
                return;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{pods.Items.Count} pod(s) of {_namespace}/{function} still there {timeout.TotalSeconds:0} s after scaling its Deployment to 0"));
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Disposes the Kubernetes client (its connections).</summary>
    public void Dispose() => _client.Dispose();
}
