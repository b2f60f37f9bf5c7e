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
public sealed class KubernetesProvider : IFunctionProvider, ISecretProvider, IReadinessSignal, IApiRequestCounter, IDisposable
{
    private readonly IKubernetes _client;
    private readonly RequestCounter _counter;
    private readonly WatchCache<V1Deployment, V1DeploymentList> _deployments;
    private readonly WatchCache<V1EndpointSlice, V1EndpointSliceList> _slices;
    private readonly KubernetesProviderOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;
    private long _lastRolloutUid;

    /// <summary>Uses <paramref name="client"/>; the caller keeps ownership of it.</summary>
    internal KubernetesProvider(IKubernetes client, KubernetesProviderOptions options, TimeProvider? time = null)
        : this(client, options, time, ownsClient: false, new RequestCounter())
    {
    }

    private KubernetesProvider(IKubernetes client, KubernetesProviderOptions options, TimeProvider? time, bool ownsClient, RequestCounter counter)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _client = client;
        _options = options;
        Info = new ProviderInfo
        {
            Name = "harness-kubernetes",
            Orchestration = "kubernetes",
            Version = Harness.Platform.Contracts.VersionInfo.Of(typeof(KubernetesProvider).Assembly),
            Sandbox = KubernetesSandbox.Describe(options),
        };
        _time = time ?? TimeProvider.System;
        _ownsClient = ownsClient;
        _counter = counter;
        var ns = options.Namespace;
        _deployments = new WatchCache<V1Deployment, V1DeploymentList>(
            "deployments",
            token => client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: KubernetesNames.FunctionLabel, cancellationToken: token),
            (version, token) => client.AppsV1.WatchListNamespacedDeploymentAsync(ns, labelSelector: KubernetesNames.FunctionLabel, resourceVersion: version, allowWatchBookmarks: true, cancellationToken: token),
            _time);
        _slices = new WatchCache<V1EndpointSlice, V1EndpointSliceList>(
            "endpointslices",
            token => client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: KubernetesNames.ServiceNameLabel, cancellationToken: token),
            (version, token) => client.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(ns, labelSelector: KubernetesNames.ServiceNameLabel, resourceVersion: version, allowWatchBookmarks: true, cancellationToken: token),
            _time);
    }

    /// <summary>Connects through a kubeconfig file (its current context), or the in-cluster service account when the path is null.</summary>
    /// <exception cref="KubernetesAccessException">The kubeconfig (or the in-cluster service account) cannot be read or used.</exception>
    public static KubernetesProvider Connect(string? kubeconfigPath, KubernetesProviderOptions options, TimeProvider? time = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = kubeconfigPath is null ? KubernetesClientConfiguration.InClusterConfig() : KubeconfigFile.Load(kubeconfigPath);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, kubeconfigPath is null ? "in-cluster configuration" : $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }

        var counter = new RequestCounter();
        return new KubernetesProvider(new k8s.Kubernetes(config, counter), options, time, ownsClient: true, counter);
    }

    /// <inheritdoc/>
    public ProviderInfo Info { get; }

    internal KubernetesProviderOptions Options => _options;

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([_options.Namespace]);

    /// <summary>Requests this provider has sent to the API server (watch streams count once, when opened).</summary>
    public long ApiRequests => _counter.Count;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return [];
        }

        var items = await _deployments.ItemsAsync(_options.CacheSyncWait, cancellationToken).ConfigureAwait(false);
        // A terminating Deployment (foreground deletion) is gone for the user, as faas-netes' lister filters it.
        return items.Where(d => d.Metadata.DeletionTimestamp is null).Select(d => FunctionStatusReader.Read(d, _options.ImagePullSecrets)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public async Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return null;
        }

        var items = await _deployments.ItemsAsync(_options.CacheSyncWait, cancellationToken).ConfigureAwait(false);
        var deployment = items.FirstOrDefault(d => d.Metadata.Name == name && d.Metadata.DeletionTimestamp is null);
        return deployment is null ? null : FunctionStatusReader.Read(deployment, _options.ImagePullSecrets);
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var check = await CheckAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (check.Invalid is not null)
        {
            return check.Invalid;
        }

        var name = deployment.Service;
        V1Deployment? existing;
        try
        {
            existing = await ReadDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing?.Metadata.DeletionTimestamp is not null)
            {
                // Delete-then-create (the churn scenario): the old one is still terminating; wait for it rather than 409.
                existing = await WaitGoneAsync(name, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return ProviderResult.Unavailable($"function {name} is still being deleted in {_options.Namespace}; retry later");
                }
            }
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return Failure($"read deployment {name}", e);
        }

        if (existing is not null)
        {
            return ProviderResult.Conflict($"function {name} already exists in {_options.Namespace}");
        }

        var manifest = FunctionManifests.Build(deployment, _options, NextRolloutUid(), check.RegistrySecrets, check.SecretKeys);
        var applied = await ApplyAsync(manifest.Deployment, name, "deployment", cancellationToken).ConfigureAwait(false);
        if (!applied.IsOk)
        {
            return applied;
        }

        applied = await ApplyAsync(manifest.Service, name, "service", cancellationToken).ConfigureAwait(false);
        if (!applied.IsOk)
        {
            // No half-created function: what this create made goes again.
            await DeleteQuietlyAsync(name).ConfigureAwait(false);
            return applied;
        }

        await SeenAsync(name, present: true, cancellationToken).ConfigureAwait(false);
        return ProviderResult.Ok;
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var check = await CheckAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (check.Invalid is not null)
        {
            return check.Invalid;
        }

        V1Deployment? current;
        try
        {
            current = await ReadDeploymentAsync(deployment.Service, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return Failure($"read deployment {deployment.Service}", e);
        }

        if (current is null || current.Metadata.DeletionTimestamp is not null)
        {
            return ProviderResult.NotFound($"function {deployment.Service} not found in {_options.Namespace}");
        }

        var manifest = FunctionManifests.Build(deployment, _options, NextRolloutUid(), check.RegistrySecrets, check.SecretKeys);
        // Replicas belong to scaling (the scale subresource, the autoscaler): an update keeps the current count, and
        // applying it unchanged keeps our ownership of the field so the API never resets it to its default.
        manifest.Deployment.Spec.Replicas = current.Spec?.Replicas ?? manifest.Deployment.Spec.Replicas;
        var applied = await ApplyAsync(manifest.Deployment, deployment.Service, "deployment", cancellationToken).ConfigureAwait(false);
        if (applied.IsOk)
        {
            applied = await ApplyAsync(manifest.Service, deployment.Service, "service", cancellationToken).ConfigureAwait(false);
        }

        if (applied.IsOk)
        {
            await SeenAsync(deployment.Service, present: true, cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return ProviderResult.NotFound($"function {name} not found in {@namespace}");
        }

        try
        {
            if (await ReadDeploymentAsync(name, cancellationToken).ConfigureAwait(false) is not { Metadata.DeletionTimestamp: null })
            {
                return ProviderResult.NotFound($"function {name} not found in {_options.Namespace}");
            }

            await _client.AppsV1.DeleteNamespacedDeploymentAsync(name, _options.Namespace, propagationPolicy: "Foreground", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"function {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return Failure($"delete deployment {name}", e);
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
            return Failure($"delete service {name}", e);
        }

        await SeenAsync(name, present: false, cancellationToken).ConfigureAwait(false);
        return ProviderResult.Ok;
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken)
    {
        if (replicas < 0)
        {
            return ProviderResult.Invalid("replicas must be zero or more");
        }

        if (!IsOurNamespace(@namespace))
        {
            return ProviderResult.NotFound($"function {name} not found in {@namespace}");
        }

        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", V1Patch.PatchType.MergePatch);
        try
        {
            await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, _options.Namespace, fieldManager: _options.ScaleFieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _deployments.WaitForAsync(items => items.TryGetValue(name, out var d) && d.Spec?.Replicas == replicas, _options.CacheSyncWait, cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"function {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return Failure($"scale {name}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return [];
        }

        var slices = await _slices.ItemsAsync(_options.CacheSyncWait, cancellationToken).ConfigureAwait(false);
        var endpoints = new List<FunctionEndpoint>();
        foreach (var slice in slices.Where(s => s.Metadata.Labels?.TryGetValue(KubernetesNames.ServiceNameLabel, out var service) == true && service == name).OrderBy(s => s.Metadata.Name, StringComparer.Ordinal))
        {
            var port = slice.Ports?.FirstOrDefault(p => p.Name == KubernetesNames.PortName)?.Port ?? PlatformDefaults.GatewayPort;
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // Kubernetes: a nil ready condition means ready; a terminating endpoint takes no new calls.
                if (endpoint.Conditions?.Ready == false || endpoint.Conditions?.Terminating == true)
                {
                    continue;
                }

                foreach (var address in endpoint.Addresses ?? [])
                {
                    var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
                    endpoints.Add(new FunctionEndpoint(endpoint.TargetRef?.Name ?? address, new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/")));
                }
            }
        }

        return endpoints;
    }

    /// <summary>Completes at the next EndpointSlice change in the namespace: a held call waits on the watch, not on polling.</summary>
    public Task ReadyChanged(string name, string @namespace) => _slices.Changed();

    /// <inheritdoc/>
    public async IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOurNamespace(request.Namespace))
        {
            yield break;
        }

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
                    if (request.Instance is not null && name != request.Instance)
                    {
                        continue;
                    }
                    // A pending pod has no container to read yet: look again on the next poll rather than losing it.
                    if (!first && pod.Status?.Phase is null or "Pending")
                    {
                        continue;
                    }

                    if (!seen.Add(name))
                    {
                        continue;
                    }
                    // A pod that started after the follow began is read from its first line.
                    readers.Add(ReadPodAsync(name, first ? request.Tail : null, first ? sinceSeconds : null, request, writer, cancellationToken));
                }

                if (!request.Follow)
                {
                    break;
                }

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

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return [];
        }

        V1SecretList list;
        try
        {
            list = await _client.CoreV1.ListNamespacedSecretAsync(_options.Namespace, labelSelector: $"{KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedByValue}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable("list secrets", e);
        }

        // Like faas-netes: names only, never values.
        return list.Items.Select(s => new SecretSpec { Name = s.Metadata.Name, Namespace = _options.Namespace }).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretProblem(secret) is { } problem)
        {
            return problem;
        }

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
            return Failure($"create secret {secret.Name}", e);
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretProblem(secret) is { } problem)
        {
            return problem;
        }

        try
        {
            var existing = await _client.CoreV1.ReadNamespacedSecretAsync(secret.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!SecretManifests.IsManaged(existing))
            {
                return NotManaged(secret.Name);
            }
            // The type is immutable: a registry secret stays one (its value under .dockerconfigjson), in place.
            var replacement = SecretManifests.Build(secret, _options.Namespace, existing.Type);
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
            return Failure($"update secret {secret.Name}", e);
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!IsOurNamespace(@namespace))
        {
            return ProviderResult.NotFound($"secret {name} not found in {@namespace}");
        }

        try
        {
            var existing = await _client.CoreV1.ReadNamespacedSecretAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            // Never delete what we did not make (a service account token, a TLS secret, one made with kubectl).
            if (!SecretManifests.IsManaged(existing))
            {
                return NotManaged(name);
            }

            await _client.CoreV1.DeleteNamespacedSecretAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderResult.Ok;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return ProviderResult.NotFound($"secret {name} not found in {_options.Namespace}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return Failure($"delete secret {name}", e);
        }
    }

    /// <summary>Stops the watches behind its caches and disposes the Kubernetes client when <see cref="Connect"/> made it; a client passed in stays the caller's.</summary>
    public void Dispose()
    {
        _deployments.Dispose();
        _slices.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>422 (the API's validation, e.g. an admission webhook) is the caller's fault: 400 with the API's message; unreachable is 503.</summary>
    private static ProviderResult Failure(string what, Exception e) => e switch
    {
        _ when KubernetesErrors.Is(e, System.Net.HttpStatusCode.UnprocessableEntity) => ProviderResult.Invalid(KubernetesErrors.Message(e)),
        HttpRequestException => ProviderResult.Unavailable($"{what}: the Kubernetes API server cannot be reached: {e.Message}"),
        _ when KubernetesErrors.Is(e, System.Net.HttpStatusCode.ServiceUnavailable) || KubernetesErrors.Is(e, System.Net.HttpStatusCode.TooManyRequests) => ProviderResult.Unavailable($"{what}: {KubernetesErrors.Describe(e)}"),
        _ => ProviderResult.Failed($"{what}: {KubernetesErrors.Describe(e)}"),
    };

    private static ProviderUnavailableException Unreachable(string what, Exception e) => new($"{what}: the Kubernetes API server cannot be reached: {e.Message}", e);

    private ProviderResult NotManaged(string name) =>
        ProviderResult.NotFound($"secret {name} in {_options.Namespace} was not created through OpenFaaS (no {KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedByValue} label); change it with kubectl");

    /// <summary>After a write, waits (bounded) until the watch cache shows it, so a list right after a deploy includes it.</summary>
    private Task SeenAsync(string name, bool present, CancellationToken cancellationToken) =>
        _deployments.WaitForAsync(items => items.TryGetValue(name, out var d) ? present && d.Metadata.DeletionTimestamp is null : !present, _options.CacheSyncWait, cancellationToken);

    /// <summary>Polls (bounded by <see cref="KubernetesProviderOptions.DeletionWait"/>) until a terminating Deployment is gone; the one still there, or null.</summary>
    private async Task<V1Deployment?> WaitGoneAsync(string name, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var interval = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var current = await ReadDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Metadata.DeletionTimestamp is null)
            {
                return current;
            }

            if (_time.GetElapsedTime(started) >= _options.DeletionWait)
            {
                return current;
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private async Task DeleteQuietlyAsync(string name)
    {
        try
        {
            await _client.AppsV1.DeleteNamespacedDeploymentAsync(name, _options.Namespace, propagationPolicy: "Background", cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            // Best effort: the create has already failed and says why.
        }
    }

    private bool IsOurNamespace(string? @namespace) => string.IsNullOrEmpty(@namespace) || @namespace == _options.Namespace;

    private ProviderResult? SecretProblem(SecretSpec secret)
    {
        if (!IsOurNamespace(secret.Namespace))
        {
            return ProviderResult.Invalid($"namespace must be: {_options.Namespace}");
        }

        if (SecretName.Problem(secret.Name) is { } problem)
        {
            return ProviderResult.Invalid("name: " + problem);
        }

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

    /// <summary>The reason the deployment is refused (null when fine), which of its secrets are registry credentials, and each secret's keys.</summary>
    private async Task<(ProviderResult? Invalid, IReadOnlyList<string> RegistrySecrets, IReadOnlyDictionary<string, IReadOnlyList<string>> SecretKeys)> CheckAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var errors = FunctionManifests.Validate(deployment, _options).ToList();
        if (errors.Count > 0)
        {
            return (ProviderResult.Invalid(string.Join("; ", errors)), [], keys);
        }

        var registry = new List<string>();
        // faas-netes answers 400 for a missing secret rather than leaving pods stuck in ContainerCreating.
        foreach (var secret in (deployment.Secrets ?? []).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var found = await _client.CoreV1.ReadNamespacedSecretAsync(secret, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (found.Type is "kubernetes.io/dockerconfigjson" or "kubernetes.io/dockercfg")
                {
                    registry.Add(secret);
                }

                var secretKeys = (found.Data?.Keys ?? Enumerable.Empty<string>()).Concat(found.StringData?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
                keys[secret] = secretKeys;
                if (secretKeys.Count == 0 && !registry.Contains(secret))
                {
                    errors.Add($"secret {secret} has no keys: nothing to mount");
                }
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                errors.Add($"secret {secret} not found in {_options.Namespace}; create it first (harness secret create {secret})");
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                return (Failure($"read secret {secret}", e), [], keys);
            }
        }

        return (errors.Count > 0 ? ProviderResult.Invalid(string.Join("; ", errors)) : null, registry, keys);
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
            return Failure($"apply {what} {name}", e);
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
