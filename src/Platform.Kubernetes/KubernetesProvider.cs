using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Harness.Platform.Contracts;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// Runs functions on Kubernetes (k3s in production) the way faas-netes does: a Deployment and a ClusterIP Service
/// per function, secrets as Kubernetes Secrets, endpoints from EndpointSlices.
/// </summary>
public sealed class KubernetesProvider : IFunctionProvider, ISecretProvider, IDisposable
{
    private readonly IKubernetes _client;
    private readonly KubernetesProviderOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;
    private long _lastRolloutUid;

    /// <summary>Uses <paramref name="client"/>; the caller keeps ownership of it.</summary>
    public KubernetesProvider(IKubernetes client, KubernetesProviderOptions options, TimeProvider? time = null)
        : this(client, options, time, ownsClient: false)
    {
    }

    private KubernetesProvider(IKubernetes client, KubernetesProviderOptions options, TimeProvider? time, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        _client = client;
        _options = options;
        _time = time ?? TimeProvider.System;
        _ownsClient = ownsClient;
    }

    /// <summary>Connects through a kubeconfig file (its current context), or the in-cluster service account when the path is null.</summary>
    /// <exception cref="KubernetesAccessException">The kubeconfig (or the in-cluster service account) cannot be read or used.</exception>
    public static KubernetesProvider Connect(string? kubeconfigPath, KubernetesProviderOptions options, TimeProvider? time = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = kubeconfigPath is null ? KubernetesClientConfiguration.InClusterConfig() : KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, kubeconfigPath is null ? "in-cluster configuration" : $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }

        return new KubernetesProvider(new k8s.Kubernetes(config), options, time, ownsClient: true);
    }

    public ProviderInfo Info { get; } = new()
    {
        Name = "harness-kubernetes",
        Orchestration = "kubernetes",
        Version = new Harness.Platform.Contracts.VersionInfo { Release = typeof(KubernetesProvider).Assembly.GetName().Version?.ToString() ?? "" },
    };

    public KubernetesProviderOptions Options => _options;

    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([_options.Namespace]);

    public async Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return [];
        var list = await _client.AppsV1.ListNamespacedDeploymentAsync(_options.Namespace, labelSelector: KubernetesNames.FunctionLabel, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items.Select(d => FunctionStatusReader.Read(d, _options.ImagePullSecrets)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return null;
        var deployment = await ReadDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
        return deployment is null ? null : FunctionStatusReader.Read(deployment, _options.ImagePullSecrets);
    }

    public async Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var (invalid, registrySecrets) = await CheckAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (invalid is not null) return invalid;
        var manifest = FunctionManifests.Build(deployment, _options, NextRolloutUid(), registrySecrets);
        try
        {
            await _client.AppsV1.CreateNamespacedDeploymentAsync(manifest.Deployment, _options.Namespace, fieldManager: _options.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsConflict(e))
        {
            return ProviderResult.Conflict($"function {deployment.Service} already exists in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"create deployment {deployment.Service}: {KubernetesErrors.Describe(e)}");
        }

        // The Service may survive a half-finished earlier delete; apply makes it match either way.
        return await ApplyAsync(manifest.Service, deployment.Service, "service", cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var (invalid, registrySecrets) = await CheckAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (invalid is not null) return invalid;
        var manifest = FunctionManifests.Build(deployment, _options, NextRolloutUid(), registrySecrets);
        try
        {
            if (await ReadDeploymentAsync(deployment.Service, cancellationToken).ConfigureAwait(false) is null)
            {
                return ProviderResult.NotFound($"function {deployment.Service} not found in {_options.Namespace}");
            }
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"read deployment {deployment.Service}: {KubernetesErrors.Describe(e)}");
        }

        var applied = await ApplyAsync(manifest.Deployment, deployment.Service, "deployment", cancellationToken).ConfigureAwait(false);
        return applied.IsOk ? await ApplyAsync(manifest.Service, deployment.Service, "service", cancellationToken).ConfigureAwait(false) : applied;
    }

    public async Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return ProviderResult.NotFound($"function {name} not found in {@namespace}");
        try
        {
            await _client.AppsV1.DeleteNamespacedDeploymentAsync(name, _options.Namespace, propagationPolicy: "Foreground", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"function {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"delete deployment {name}: {KubernetesErrors.Describe(e)}");
        }

        try
        {
            await _client.CoreV1.DeleteNamespacedServiceAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            // The function is gone either way; a Service deleted by hand is not an error.
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"delete service {name}: {KubernetesErrors.Describe(e)}");
        }

        return ProviderResult.Ok;
    }

    public async Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken)
    {
        if (replicas < 0) return ProviderResult.Invalid("replicas must be zero or more");
        if (!IsOurNamespace(@namespace)) return ProviderResult.NotFound($"function {name} not found in {@namespace}");
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", V1Patch.PatchType.MergePatch);
        try
        {
            await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, _options.Namespace, fieldManager: _options.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"function {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"scale {name}: {KubernetesErrors.Describe(e)}");
        }
    }

    public async ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return [];
        var slices = await _client.DiscoveryV1.ListNamespacedEndpointSliceAsync(_options.Namespace, labelSelector: $"{KubernetesNames.ServiceNameLabel}={name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var endpoints = new List<FunctionEndpoint>();
        foreach (var slice in slices.Items)
        {
            var port = slice.Ports?.FirstOrDefault(p => p.Name == KubernetesNames.PortName)?.Port ?? PlatformDefaults.GatewayPort;
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // Kubernetes: a nil ready condition means ready.
                if (endpoint.Conditions?.Ready == false) continue;
                foreach (var address in endpoint.Addresses ?? [])
                {
                    var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
                    endpoints.Add(new FunctionEndpoint(endpoint.TargetRef?.Name ?? address, new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/")));
                }
            }
        }

        return endpoints;
    }

    public async IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOurNamespace(request.Namespace)) yield break;
        int? sinceSeconds = request.Since is { } since ? (int)Math.Max(1, Math.Ceiling((_time.GetUtcNow() - since).TotalSeconds)) : null;
        var channel = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpLogsAsync(request, sinceSeconds, channel.Writer, stop.Token);
        try
        {
            await foreach (var entry in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return entry;
            }
        }
        finally
        {
            // The reader stopped early (or was cancelled): stop the pod list polling and the pod streams with it.
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One reader per pod, merged into <paramref name="writer"/>: with follow the streams never end, so they cannot be read one
    /// after another. With follow the pod list is polled too, so pods that start later (scale-up, rollout) join the stream.
    /// </summary>
    private async Task PumpLogsAsync(LogRequest request, int? sinceSeconds, ChannelWriter<LogEntry> writer, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var readers = new List<Task>();
        var first = true;
        try
        {
            while (true)
            {
                var pods = await _client.CoreV1.ListNamespacedPodAsync(_options.Namespace, labelSelector: $"{KubernetesNames.FunctionLabel}={request.Name}", cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var pod in pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
                {
                    var name = pod.Metadata.Name;
                    if (request.Instance is not null && name != request.Instance) continue;
                    // A pending pod has no container to read yet: look again on the next poll rather than losing it.
                    if (!first && pod.Status?.Phase is null or "Pending") continue;
                    if (!seen.Add(name)) continue;
                    // A pod that started after the follow began is read from its first line.
                    readers.Add(ReadPodAsync(name, first ? request.Tail : null, first ? sinceSeconds : null, request, writer, cancellationToken));
                }

                if (!request.Follow) break;
                first = false;
                await Task.Delay(_options.LogPodPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(readers).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
#pragma warning disable CA1031 // handed to the reader of the channel, which rethrows it
        catch (Exception e)
#pragma warning restore CA1031
        {
            writer.TryComplete(e);
        }
    }

    public async Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return [];
        var list = await _client.CoreV1.ListNamespacedSecretAsync(_options.Namespace, labelSelector: $"{KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedByValue}", cancellationToken: cancellationToken).ConfigureAwait(false);
        // Like faas-netes: names only, never values.
        return list.Items.Select(s => new SecretSpec { Name = s.Metadata.Name, Namespace = _options.Namespace }).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretProblem(secret) is { } problem) return problem;
        try
        {
            await _client.CoreV1.CreateNamespacedSecretAsync(SecretManifests.Build(secret, _options.Namespace), _options.Namespace, fieldManager: _options.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsConflict(e))
        {
            return ProviderResult.Conflict($"secret {secret.Name} already exists in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"create secret {secret.Name}: {KubernetesErrors.Describe(e)}");
        }
    }

    public async Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretProblem(secret) is { } problem) return problem;
        try
        {
            var existing = await _client.CoreV1.ReadNamespacedSecretAsync(secret.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            var replacement = SecretManifests.Build(secret, _options.Namespace);
            // Optimistic concurrency: the replace fails with 409 if someone changed the secret since the read.
            replacement.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await _client.CoreV1.ReplaceNamespacedSecretAsync(replacement, secret.Name, _options.Namespace, fieldManager: _options.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"secret {secret.Name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (KubernetesErrors.IsConflict(e))
        {
            return ProviderResult.Conflict($"secret {secret.Name} was changed concurrently; retry");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"update secret {secret.Name}: {KubernetesErrors.Describe(e)}");
        }
    }

    public async Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace)) return ProviderResult.NotFound($"secret {name} not found in {@namespace}");
        try
        {
            await _client.CoreV1.DeleteNamespacedSecretAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"secret {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"delete secret {name}: {KubernetesErrors.Describe(e)}");
        }
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }

    private bool IsOurNamespace(string? @namespace) => string.IsNullOrEmpty(@namespace) || @namespace == _options.Namespace;

    private ProviderResult? SecretProblem(SecretSpec secret)
    {
        if (!IsOurNamespace(secret.Namespace)) return ProviderResult.Invalid($"namespace must be: {_options.Namespace}");
        if (string.IsNullOrWhiteSpace(secret.Name)) return ProviderResult.Invalid("secret name is required");
        return null;
    }

    /// <summary>A fresh value for the pod label <c>uid</c>: time-based like faas-netes, and never the same twice in one provider.</summary>
    private string NextRolloutUid()
    {
        var now = _time.GetUtcNow().UtcTicks;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastRolloutUid);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastRolloutUid, next, last) != last);
        return next.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The reason the deployment is refused (null when fine), and which of its secrets are registry credentials.</summary>
    private async Task<(ProviderResult? Invalid, IReadOnlyList<string> RegistrySecrets)> CheckAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        var errors = FunctionManifests.Validate(deployment, _options);
        if (errors.Count > 0) return (ProviderResult.Invalid(string.Join("; ", errors)), []);
        var registry = new List<string>();
        // faas-netes answers 400 for a missing secret rather than leaving pods stuck in ContainerCreating.
        foreach (var secret in (deployment.Secrets ?? []).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var found = await _client.CoreV1.ReadNamespacedSecretAsync(secret, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (found.Type is "kubernetes.io/dockerconfigjson" or "kubernetes.io/dockercfg") registry.Add(secret);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                return (ProviderResult.Invalid($"secret {secret} not found in {_options.Namespace}; create it first (harness secret create {secret})"), []);
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                return (ProviderResult.Failed($"read secret {secret}: {KubernetesErrors.Describe(e)}"), []);
            }
        }

        return (null, registry);
    }

    private async Task<V1Deployment?> ReadDeploymentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.AppsV1.ReadNamespacedDeploymentAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    private async Task<ProviderResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> manifest, string name, string what, CancellationToken cancellationToken)
    {
        try
        {
            await ServerSideApply.ApplyAsync(_client, manifest, _options.FieldManager, cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return ProviderResult.Failed($"apply {what} {name}: {KubernetesErrors.Describe(e)}");
        }
    }

    private async Task ReadPodAsync(string pod, int? tail, int? sinceSeconds, LogRequest request, ChannelWriter<LogEntry> writer, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = await _client.CoreV1.ReadNamespacedPodLogAsync(pod, _options.Namespace, follow: request.Follow, tailLines: tail, sinceSeconds: sinceSeconds, timestamps: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e) || KubernetesErrors.Is(e, System.Net.HttpStatusCode.BadRequest))
        {
            // The pod went away or has not started its container yet: no lines, not an error.
            return;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            await writer.WriteAsync(PodLogLine.Parse(line, request.Name, _options.Namespace, pod, _time), cancellationToken).ConfigureAwait(false);
        }
    }
}
