using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Harness.Platform.Contracts;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// Runs functions as watchdog processes on this machine: each replica on its own loopback port, in its own cgroups
/// (when root), supervised and restarted with backoff, with functions, secrets and artifacts kept in a state folder.
/// Call <see cref="StartAsync"/> once to bring back the functions stored by an earlier run.
/// </summary>
public sealed partial class LocalProvider : IFunctionProvider, ISecretProvider, IArtifactStore, IReadinessSignal, IFunctionUsageMeter, INamespaceProvider, IFunctionLogNotes, IAsyncDisposable
{
    private readonly LocalProviderOptions _options;
    private readonly ILogger _log;
    private static readonly Task Never = new TaskCompletionSource().Task;
    private readonly CgroupV1? _cgroups;
    private readonly ReadinessListener? _notify;
    private readonly ReplicaFactory _factory;
    private readonly LocalArtifactStore _artifacts;
    private readonly LocalSecretStore _secrets;
    private readonly FunctionStateStore _state;
    private readonly LocalNamespaceStore _namespaces;
    private readonly FunctionSpecBuilder _specs;
    private readonly string _runRoot;
    private readonly ConcurrentDictionary<(string Namespace, string Name), FunctionHost> _hosts = new();
    private readonly UidAllocator _uids;
    private readonly string? _refusal;
    private readonly SemaphoreSlim _writes = new(1, 1);

    // A deleted function's name is free again only once its replicas are gone, its run folder removed and its uid
    // released: a deploy of the same name before that would have its folder deleted under it and its uid handed on.
    private readonly ConcurrentDictionary<(string Namespace, string Name), Task> _teardowns = new();
    private int _started;
    private int _disposed;

    /// <summary>
    /// Prepares the state folder and detects what this machine can enforce (cgroups, namespaces, the uid range),
    /// logging what it cannot; no replica starts before <see cref="StartAsync"/>. The caller owns the provider and
    /// disposes it, which stops every replica.
    /// </summary>
    public LocalProvider(LocalProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = options.Logger;
        var state = Path.GetFullPath(options.StateDirectory);
        Directory.CreateDirectory(state);
        _runRoot = Path.Combine(state, "run");
        _artifacts = new LocalArtifactStore(Path.Combine(state, "artifacts"), options.TimeProvider);
        _secrets = new LocalSecretStore(Path.Combine(state, "secrets"));
        _state = new FunctionStateStore(Path.Combine(state, "functions"));
        _namespaces = new LocalNamespaceStore(Path.Combine(state, "namespaces"));

        var isolation = Isolation.Detect(options);
        var warnings = new List<string>();
        if (isolation.Cgroups)
        {
            // One group per provider instance, so two providers on one machine (tests, a second platform) never meet.
            _cgroups = new CgroupV1(options.CgroupRoot, $"{options.CgroupPrefix}-{Guid.NewGuid().ToString("N")[..8]}");
            StaleOwnerReaper.Register(options.CgroupRoot, _cgroups.Group, _log);
        }
        else
        {
            warnings.Add($"memory, CPU and process limits are NOT enforced: {isolation.CgroupsUnavailableReason}");
        }

        if (!isolation.MountNamespace)
        {
            warnings.Add($"secrets are served from a per-function folder named by env secret_mount_path (not {PlatformDefaults.SecretMountPath}) and readOnlyRootFilesystem is NOT enforced: {isolation.MountNamespaceUnavailableReason}");
        }

        _uids = new UidAllocator(options.UidRangeStart, options.UidRangeSize);
        var sandbox = SandboxReport.Describe(isolation, _uids.Range);
        if (!isolation.Sandbox)
        {
            var notEnforced = string.Join("; ", sandbox.NotEnforced);
            if (options.InsecureNoSandbox)
            {
                warnings.Add($"functions run WITHOUT the sandbox (insecure-no-sandbox): {notEnforced}");
            }
            else
            {
                _refusal = $"functions are not started: the replica sandbox is not available ({isolation.SandboxUnavailableReason}); run the platform as root, or accept running without it with --insecure-no-sandbox (InsecureNoSandbox), which leaves unenforced: {notEnforced}";
                warnings.Add(_refusal);
            }
        }

        foreach (var w in warnings)
        {
            _log.LogWarning("local provider: {Warning}", w);
        }

        Warnings = warnings;
        Isolation = isolation;
        _notify = options.UseReadinessNotify ? ReadinessListener.TryStart(_log) : null;
        _factory = new ReplicaFactory(options, isolation, _cgroups, _runRoot, _notify);
        _info = new ProviderInfo
        {
            Name = "harness-local",
            Orchestration = "process",
            Version = VersionInfo.Of(typeof(LocalProvider).Assembly),
            Sandbox = sandbox.Enforced ? sandbox with { Monitor = _factory.MonitorPath is null ? "watchdog" : SandboxMonitorLocator.FileName } : sandbox,
        };
        _specs = new FunctionSpecBuilder(_artifacts, _secrets, isolation, _runRoot, options.PidsMax, options.TemplateCompat);
    }

    /// <summary>Platform-wide warnings (for example: limits not enforced without root), for the gateway or CLI to show.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when replicas run in their own cgroups with limits enforced.</summary>
    public bool EnforcesLimits => _cgroups is not null;

    internal Isolation Isolation { get; }

    private readonly ProviderInfo _info;

    /// <inheritdoc/>
    public ProviderInfo Info => _info with { Prefork = _factory.Prefork.Snapshot() };

    /// <summary>Re-deploys the functions stored in the state folder (once; later calls do nothing).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whatever a provider killed outright left (its replicas, its cgroups), whichever state folder it used.
            StaleOwnerReaper.Reap(_log);
            KillLeftoverReplicas();
            // Secrets kept by a namespace removed before removal checked for them: shown again, not hidden until a
            // namespace of that name is made (for whoever asks for it then).
            foreach (var ns in _secrets.Namespaces())
            {
                RememberNamespace(ns);
            }

            var all = _state.LoadAll((file, ex) => _log.LogError(ex, "local provider: cannot read stored function {File}", file));
            if (_refusal is not null && all.Count > 0)
            {
                _log.LogError("local provider: {Count} stored function(s) not restored: {Reason}", all.Count, _refusal);
                return;
            }

            // Stored uids first, so that a function whose uid is stored never loses it to one restored before it.
            foreach (var stored in all.Where(st => st.Uid is not null))
            {
                AssignUid(stored.Deployment.Service, FunctionSpecBuilder.NamespaceOf(stored.Deployment.Namespace), stored.Uid);
            }

            foreach (var stored in all)
            {
                var errors = new List<string>();
                var uid = AssignUid(stored.Deployment.Service, FunctionSpecBuilder.NamespaceOf(stored.Deployment.Namespace), stored.Uid);
                var spec = _specs.Build(stored.Deployment, stored.ArtifactDigest, errors, uid);
                if (spec is null)
                {
                    _log.LogError("local provider: cannot restore {Function}: {Errors}", stored.Deployment.Service, string.Join("; ", errors));
                    continue;
                }

                RememberNamespace(spec.Namespace);
                var host = new FunctionHost(spec, stored.Replicas, stored.CreatedAt, _factory, _options);
                _hosts[Key(spec.Name, spec.Namespace)] = host;
                if (stored.Uid != spec.Uid)
                {
                    _state.Save(stored with { Uid = spec.Uid });
                }

                host.Note("provider", $"restored with {stored.Replicas} replica(s)");
                host.Scale(stored.Replicas);
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken)
    {
        var set = new SortedSet<string>(_namespaces.Names(), StringComparer.Ordinal) { PlatformDefaults.FunctionNamespace };
        foreach (var h in _hosts.Values)
        {
            set.Add(h.Spec.Namespace);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. set]);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken)
    {
        var ns = FunctionSpecBuilder.NamespaceOf(@namespace);
        // The list never waits for a CPU sample: it reports the rate from the latest window (the scaling loop lists every
        // few seconds, which keeps those windows fresh).
        var statuses = await Task.WhenAll(_hosts.Values.Where(h => h.Spec.Namespace == ns).Select(h => WithCpuAsync(h, wait: false, cancellationToken))).ConfigureAwait(false);
        return [.. statuses.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        Find(name, @namespace) is { } host ? await WithCpuAsync(host, wait: false, cancellationToken).ConfigureAwait(false) : null;

    /// <inheritdoc/>
    public async Task<FunctionUsage?> MeasureUsageAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        Find(name, @namespace) is { } host ? (await WithCpuAsync(host, wait: true, cancellationToken).ConfigureAwait(false)).Usage : null;

    /// <summary>The status with <c>usage</c>: memory from the cgroups, <c>cpu</c> in millicores over a short window.</summary>
    private static async Task<FunctionStatus> WithCpuAsync(FunctionHost host, bool wait, CancellationToken cancellationToken)
    {
        var cpu = await host.CpuMillicoresAsync(wait, cancellationToken).ConfigureAwait(false);
        var status = host.Status(usage: true);
        return status with { Usage = (status.Usage ?? new FunctionUsage()) with { Cpu = Math.Round(cpu, 3) } };
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var ns = FunctionSpecBuilder.NamespaceOf(deployment.Namespace);
        await WaitWritesAfterTeardownAsync(Key(deployment.Service, ns), cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (_hosts.ContainsKey(Key(deployment.Service, ns)))
            {
                return ProviderResult.Conflict($"function '{deployment.Service}' already exists in namespace '{ns}'; update it with PUT");
            }

            if (MissingNamespace(ns) is { } missing)
            {
                return missing;
            }

            if (_refusal is not null)
            {
                return ProviderResult.Failed(_refusal);
            }

            var errors = new List<string>();
            if (!FunctionSpecBuilder.IsValidName(deployment.Service) || !FunctionSpecBuilder.IsValidName(ns))
            {
                // Build names the bad field; no uid is taken for it.
                return ProviderResult.Invalid(string.Join("; ", BuildErrors(deployment)));
            }

            var uid = AssignUid(deployment.Service, ns, null);
            if (Isolation.Sandbox && uid is null)
            {
                return ProviderResult.Failed($"no free uid left in the range {_uids.Range} (one per function); delete a function or widen UidRangeSize");
            }

            var spec = _specs.Build(deployment, null, errors, uid);
            var replicas = FunctionSpecBuilder.MinReplicas(deployment, []);
            if (spec is null)
            {
                _uids.Release(ns, deployment.Service);
                return ProviderResult.Invalid(string.Join("; ", errors));
            }

            var now = _options.TimeProvider.GetUtcNow();
            var host = new FunctionHost(spec, replicas, now, _factory, _options);
            _state.Save(new StoredFunction { Deployment = spec.Deployment, Replicas = replicas, CreatedAt = now, ArtifactDigest = spec.ArtifactDigest, Uid = spec.Uid });
            _hosts[Key(spec.Name, spec.Namespace)] = host;
            host.Note("provider", $"deployed {spec.Deployment.Image}{(spec.ArtifactDigest is { } dg ? " (" + dg + ")" : "")} with {replicas} replica(s)");
            host.Scale(replicas);
            await CollectArtifactsAsync(cancellationToken).ConfigureAwait(false);
            return Accepted(host, spec);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            var ns = FunctionSpecBuilder.NamespaceOf(deployment.Namespace);
            if (Find(deployment.Service, ns) is not { } host)
            {
                return ProviderResult.NotFound($"function '{deployment.Service}' not found in namespace '{ns}'");
            }

            var errors = new List<string>();
            var spec = _specs.Build(deployment, null, errors, host.Spec.Uid);
            if (spec is null)
            {
                return ProviderResult.Invalid(string.Join("; ", errors));
            }

            _state.Save(new StoredFunction { Deployment = spec.Deployment, Replicas = host.Desired, CreatedAt = host.CreatedAt, ArtifactDigest = spec.ArtifactDigest, Uid = spec.Uid });
            host.Note("provider", $"updating to {spec.Deployment.Image}{(spec.ArtifactDigest is { } dg ? " (" + dg + ")" : "")}");
            host.Update(spec);
            await CollectArtifactsAsync(cancellationToken).ConfigureAwait(false);
            return Accepted(host, spec);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        FunctionHost? host;
        var key = Key(name, FunctionSpecBuilder.NamespaceOf(@namespace));
        var teardown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_hosts.TryRemove(key, out host))
            {
                return ProviderResult.NotFound($"function '{name}' not found in namespace '{key.Namespace}'");
            }

            _state.Delete(name, key.Namespace);
            _teardowns[key] = teardown.Task;
        }
        finally
        {
            _writes.Release();
        }

        try
        {
            host.Note("provider", "deleting");
            await host.StopAllAsync().ConfigureAwait(false);
            TryDeleteDirectory(Path.Combine(_runRoot, host.Spec.Namespace, host.Spec.Name));
            // Free again only now that none of its processes is left.
            _uids.Release(host.Spec.Namespace, host.Spec.Name);
        }
        finally
        {
            _teardowns.TryRemove(KeyValuePair.Create(key, teardown.Task));
            teardown.SetResult();
        }

        return ProviderResult.Ok;
    }

    /// <summary>Takes the write lock once no deletion of <paramref name="key"/> is still tearing down.</summary>
    private async Task WaitWritesAfterTeardownAsync((string Namespace, string Name) key, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!_teardowns.TryGetValue(key, out var teardown))
            {
                return;
            }

            _writes.Release();
            await teardown.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken)
    {
        if (replicas < 0)
        {
            return ProviderResult.Invalid($"replicas: {replicas} is negative");
        }

        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (Find(name, @namespace) is not { } host)
            {
                return ProviderResult.NotFound($"function '{name}' not found in namespace '{FunctionSpecBuilder.NamespaceOf(@namespace)}'");
            }

            if (host.Desired != replicas)
            {
                // Replicas start before the state is written (fsync): a scale from zero is waiting for them. If the
                // write fails the scale is undone, so the running count never differs from the stored one for long.
                var previous = host.Desired;
                host.Note("provider", $"scaling from {previous} to {replicas} replica(s)");
                host.Scale(replicas);
                try
                {
                    _state.Save(new StoredFunction { Deployment = host.Spec.Deployment, Replicas = replicas, CreatedAt = host.CreatedAt, ArtifactDigest = host.Spec.ArtifactDigest, Uid = host.Spec.Uid });
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    host.Scale(previous);
                    host.Note("provider", $"could not store the new replica count ({ex.Message}); back to {previous}", LogLevel.Error);
                    throw;
                }
            }

            return ProviderResult.Ok;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        new(Find(name, @namespace)?.Ready ?? []);

    /// <inheritdoc/>
    public Task ReadyChanged(string name, string @namespace) => Find(name, @namespace)?.ReadyChanged ?? Never;

    /// <inheritdoc/>
    public async IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Find(request.Name, request.Namespace) is not { } host)
        {
            yield break;
        }

        await foreach (var e in host.Logs.ReadAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.List(FunctionSpecBuilder.NamespaceOf(@namespace)));

    /// <inheritdoc/>
    public Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken) => WriteSecretAsync(secret, create: true, cancellationToken);

    /// <inheritdoc/>
    public Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken) => WriteSecretAsync(secret, create: false, cancellationToken);

    /// <inheritdoc/>
    public async Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ns = FunctionSpecBuilder.NamespaceOf(@namespace);
            return SecretName.IsValid(name) && _secrets.Delete(name, ns)
                ? ProviderResult.Ok
                : ProviderResult.NotFound($"secret '{name}' not found in namespace '{ns}'");
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> PutAsync(string image, Stream gzippedTar, CancellationToken cancellationToken)
    {
        var result = await _artifacts.PutAsync(image, gzippedTar, cancellationToken).ConfigureAwait(false);
        if (result.IsOk)
        {
            await CollectArtifactsNowAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Runs the artifact garbage collection now (it also runs after every push and deploy).</summary>
    internal async Task CollectArtifactsNowAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CollectArtifactsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Removes artifact versions beyond <see cref="LocalProviderOptions.ArtifactVersionsToKeep"/> per image that no function
    /// uses. Called under <c>_writes</c>, so no deploy picks a version while it runs.
    /// </summary>
    private async Task CollectArtifactsAsync(CancellationToken cancellationToken)
    {
        var inUse = _hosts.Values.SelectMany(h => h.ArtifactDigestsInUse()).ToHashSet(StringComparer.Ordinal);
        foreach (var stored in _state.LoadAll((_, _) => { }))
        {
            if (stored.ArtifactDigest is { } digest)
            {
                inUse.Add(digest);
            }
        }

        try
        {
            var removed = await _artifacts.CollectAsync(Math.Max(1, _options.ArtifactVersionsToKeep), inUse, cancellationToken).ConfigureAwait(false);
            if (removed.Count > 0)
            {
                _log.LogInformation("local provider: removed {Count} unused artifact version(s): {Versions}", removed.Count, string.Join(", ", removed));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(ex, "local provider: artifact garbage collection failed; it is tried again at the next push or deploy");
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken) => _artifacts.ListAsync(cancellationToken);

    /// <summary>Stops every replica (SIGTERM, then SIGKILL of whole groups) and removes their cgroups; stored state stays.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writes.WaitAsync().ConfigureAwait(false);
        try
        {
            // Deletions still stopping their replicas finish first: their processes are in the provider's cgroups.
            await Task.WhenAll([.. _teardowns.Values, .. _hosts.Values.Select(h => h.StopAllAsync())]).ConfigureAwait(false);
            _hosts.Clear();
            await _factory.Prefork.DisposeAsync().ConfigureAwait(false);
            _cgroups?.RemoveGroup();
            if (_cgroups is not null)
            {
                StaleOwnerReaper.Unregister(_options.CgroupRoot, _cgroups.Group);
            }
            _notify?.Dispose();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<ProviderResult> WriteSecretAsync(SecretSpec secret, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretName.Problem(secret.Name) is { } problem)
        {
            return ProviderResult.Invalid("name: " + problem);
        }

        var ns = FunctionSpecBuilder.NamespaceOf(secret.Namespace);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (MissingNamespace(ns) is { } missing)
            {
                return missing;
            }

            var exists = _secrets.Exists(secret.Name, ns);
            if (create && exists)
            {
                return ProviderResult.Conflict($"secret '{secret.Name}' already exists in namespace '{ns}'");
            }

            if (!create && !exists)
            {
                return ProviderResult.NotFound($"secret '{secret.Name}' not found in namespace '{ns}'");
            }

            _secrets.Write(secret, ns);
            // Functions using it see the new value, as with a projected Kubernetes secret.
            foreach (var h in _hosts.Values)
            {
                if (h.Spec.Namespace == ns && h.Spec.SecretsDirectory is { } dir && h.Spec.Deployment.Secrets?.Contains(secret.Name) == true)
                {
                    _specs.CopySecret(secret.Name, ns, dir, h.Spec.Uid);
                }
            }

            return ProviderResult.Ok;
        }
        finally
        {
            _writes.Release();
        }
    }

    private ProviderResult Accepted(FunctionHost host, FunctionSpec spec)
    {
        foreach (var w in spec.Warnings)
        {
            host.Note("provider", "warning: " + w, LogLevel.Warning);
        }

        return spec.Warnings.Count == 0 ? ProviderResult.Ok : new ProviderResult(ProviderOutcome.Ok, "warning: " + string.Join("; warning: ", spec.Warnings));
    }

    /// <summary>
    /// A provider that was killed (SIGKILL, power loss) could not stop its replicas; their run folders are still here.
    /// Their processes are found by the replica marker in their environment and killed before anything is restarted;
    /// its zygotes' folders go too (the zygotes themselves were in its cgroups, or ended with its pipes).
    /// </summary>
    private void KillLeftoverReplicas()
    {
        if (!Directory.Exists(_runRoot))
        {
            return;
        }

        foreach (var replicas in Directory.EnumerateDirectories(_runRoot, "replicas", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 }))
        {
            foreach (var dir in Directory.EnumerateDirectories(replicas))
            {
                var id = Path.GetFileName(dir);
                var killed = ProcessSweep.KillByMarker(id);
                if (killed > 0)
                {
                    _log.LogWarning("local provider: killed {Count} process(es) left by replica {Replica} of an earlier run", killed, id);
                }

                TryDeleteDirectory(dir);
            }
        }

        var zygotes = Path.Combine(_runRoot, PreforkPool.FolderName);
        if (Directory.Exists(zygotes))
        {
            foreach (var dir in Directory.EnumerateDirectories(zygotes))
            {
                TryDeleteDirectory(dir);
            }
        }
    }

    /// <summary>The function's uid in the sandbox; null without the sandbox (or when the range is exhausted).</summary>
    private int? AssignUid(string name, string @namespace, int? preferred) =>
        Isolation.Sandbox ? _uids.Assign(@namespace, name, preferred) : null;

    private List<string> BuildErrors(FunctionDeployment deployment)
    {
        var errors = new List<string>();
        _specs.Build(deployment, null, errors);
        return errors;
    }

    private FunctionHost? Find(string name, string? @namespace) =>
        _hosts.TryGetValue(Key(name, FunctionSpecBuilder.NamespaceOf(@namespace)), out var h) ? h : null;

    private static (string Namespace, string Name) Key(string name, string @namespace) => (@namespace, name);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException ex)
        {
            _log.LogWarning(ex, "local provider: could not remove {Path}", path);
        }
    }
}
