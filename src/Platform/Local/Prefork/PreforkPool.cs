using Harness.Platform.Contracts;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// The provider's zygotes, one per eligible function (see <see cref="PreforkEligibility"/>), at most
/// <see cref="LocalProviderOptions.PreforkZygotes"/>: started when the function is deployed, replaced when its
/// environment changes, stopped when it is removed and when the provider stops. A zygote per function, not per
/// runtime, because a fork shares its parent's hash seed and address layout: replicas of one function may, two
/// tenants' functions must not.
/// </summary>
internal sealed class PreforkPool : IAsyncDisposable
{
    private readonly LocalProviderOptions _options;
    private readonly CgroupV1? _cgroups;
    private readonly string _root;
    private readonly string? _python;
    private readonly Func<FunctionSpec, IReadOnlyDictionary<string, string>> _environment;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Zygote> _zygotes = new(StringComparer.Ordinal);
    // Functions found ineligible, by the fingerprint they were checked with: a cold start does not read their files again.
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];
    // The standby replica of each function that has one now (see FunctionHost), by function.
    private readonly Dictionary<string, string> _standbys = new(StringComparer.Ordinal);
    private long _standbyTaken;
    private bool _disposed;
    private long _pastForks;
    private long _pastFailures;

    /// <summary>The folder under the provider's run folder that holds one folder per zygote.</summary>
    public const string FolderName = ".prefork";

    // sockaddr_un holds 108 bytes with the terminating NUL.
    private const int MaxSocketPath = 107;

    /// <param name="environment">The environment a zygote of a function starts with (see <see cref="ReplicaFactory.ZygoteEnvironment"/>).</param>
    public PreforkPool(LocalProviderOptions options, Isolation isolation, CgroupV1? cgroups, string runRoot, string? python, Func<FunctionSpec, IReadOnlyDictionary<string, string>> environment)
    {
        _environment = environment;
        _options = options;
        _cgroups = cgroups;
        _root = Path.Combine(runRoot, FolderName);
        _python = python;
        DisabledReason = options.PreforkZygotes <= 0 ? "turned off in the provider options (PreforkZygotes = 0)"
            : !isolation.Sandbox ? "replicas run without the sandbox"
            : python is null ? "no Python interpreter"
            : System.Text.Encoding.UTF8.GetByteCount(Path.Combine(Path.GetFullPath(_root), NewId(), "zygote.sock")) > MaxSocketPath
                ? "the provider's run folder is too deep for a Unix socket path"
                : null;
    }

    /// <summary>Why there are no zygotes at all; null when functions may have one.</summary>
    public string? DisabledReason { get; }

    /// <summary>Starts (or replaces) the zygote of <paramref name="spec"/> when it is eligible; returns at once.</summary>
    public void Prepare(FunctionSpec spec)
    {
        if (DisabledReason is not null)
        {
            return;
        }

        var key = Key(spec);
        var fingerprint = Zygote.FingerprintOf(spec);
        lock (_gate)
        {
            if (_disposed || (_refused.TryGetValue(key, out var refused) && refused == fingerprint))
            {
                return;
            }
        }

        var why = PreforkEligibility.WhyNot(spec, _python, out var template);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (why is null)
            {
                _refused.Remove(key);
            }
            else
            {
                _refused[key] = fingerprint;
            }

            if (_zygotes.TryGetValue(key, out var current))
            {
                if (why is null && current.Fingerprint == fingerprint && current.State != ZygoteState.Failed)
                {
                    return;
                }

                _zygotes.Remove(key);
                _stopping.Add(Retire(current));
            }

            if (why is not null)
            {
                _options.Logger.LogDebug("local provider: {Function}.{Namespace} has no pre-fork zygote: {Reason}", spec.Name, spec.Namespace, why);
                return;
            }

            if (_zygotes.Count >= _options.PreforkZygotes)
            {
                _options.Logger.LogInformation("local provider: {Function}.{Namespace} starts without a pre-fork zygote: {Count} are running, the most PreforkZygotes allows", spec.Name, spec.Namespace, _zygotes.Count);
                return;
            }

            var id = NewId();
            try
            {
                var limits = new ResourceLimits(_options.PreforkZygoteMemoryBytes, null, ResourceLimits.DefaultCpuPeriodMicros, 16);
                _zygotes[key] = Zygote.Start(spec, template, _environment(spec), _python!, Path.Combine(_root, id), _cgroups, id, limits, _options.Logger);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                _options.Logger.LogWarning("local provider: cannot start the pre-fork zygote of {Function}.{Namespace}: {Error}", spec.Name, spec.Namespace, ex.Message);
            }
        }
    }

    /// <summary>The zygote that may serve a new replica of <paramref name="spec"/> now, or null (it starts the usual way).</summary>
    public Zygote? ReadyFor(FunctionSpec spec)
    {
        lock (_gate)
        {
            return _zygotes.TryGetValue(Key(spec), out var z) && z.State == ZygoteState.Ready && z.Fingerprint == Zygote.FingerprintOf(spec) ? z : null;
        }
    }

    /// <summary>Completes with the zygote's readiness when <paramref name="spec"/> has a zygote of its current files; else null.</summary>
    public Task<bool>? WhenReady(FunctionSpec spec)
    {
        lock (_gate)
        {
            return _zygotes.TryGetValue(Key(spec), out var z) && z.Fingerprint == Zygote.FingerprintOf(spec) ? z.Ready : null;
        }
    }

    /// <summary>Records that <paramref name="replicaId"/> is now the standby replica of <paramref name="spec"/>'s function.</summary>
    public void SetStandby(FunctionSpec spec, string replicaId)
    {
        lock (_gate)
        {
            _standbys[Key(spec)] = replicaId;
        }
    }

    /// <summary>Records that <paramref name="replicaId"/> is no longer its function's standby (taken, discarded or gone).</summary>
    public void ClearStandby(FunctionSpec spec, string replicaId)
    {
        lock (_gate)
        {
            if (_standbys.TryGetValue(Key(spec), out var current) && current == replicaId)
            {
                _standbys.Remove(Key(spec));
            }
        }
    }

    /// <summary>Counts a scale-up served by a standby replica.</summary>
    public void StandbyTaken() => Interlocked.Increment(ref _standbyTaken);

    /// <summary>Stops the zygote of <paramref name="spec"/>, if any.</summary>
    public Task StopAsync(FunctionSpec spec)
    {
        lock (_gate)
        {
            _refused.Remove(Key(spec));
            return _zygotes.Remove(Key(spec), out var z) ? Retire(z) : Task.CompletedTask;
        }
    }

    public PreforkInfo Snapshot()
    {
        List<ZygoteInfo> zygotes;
        long pastForks, pastFailures;
        List<string> standbys;
        lock (_gate)
        {
            (pastForks, pastFailures) = (_pastForks, _pastFailures);
            standbys = [.. _standbys.Values];
            zygotes = [.. _zygotes.Select(pair => (Key: pair.Key, z: pair.Value)).Select(e => new ZygoteInfo
            {
                Function = e.z.Function,
                Namespace = e.z.Namespace,
                Runtime = e.z.Template,
                State = e.z.State.ToString().ToLowerInvariant(),
                Pid = e.z.Pid,
                MemoryBytes = e.z.MemoryBytes,
                Forks = e.z.Forks,
                Failures = e.z.Failures,
                Standby = _standbys.GetValueOrDefault(e.Key),
            })];
        }

        return new PreforkInfo
        {
            Enabled = DisabledReason is null,
            Reason = DisabledReason,
            MaxZygotes = Math.Max(0, _options.PreforkZygotes),
            MemoryLimitBytes = _options.PreforkZygoteMemoryBytes,
            MemoryBytes = zygotes.Sum(z => z.MemoryBytes),
            Forks = pastForks + zygotes.Sum(z => z.Forks),
            Failures = pastFailures + zygotes.Sum(z => z.Failures),
            StandbyEnabled = DisabledReason is null && _options.PreforkStandby,
            Standbys = standbys.Count,
            StandbyMemoryBytes = _cgroups is null ? 0 : standbys.Sum(id => Math.Max(0, _cgroups.MemoryUsageBytes(id))),
            StandbyTaken = Interlocked.Read(ref _standbyTaken),
            Zygotes = zygotes,
        };
    }

    public async ValueTask DisposeAsync()
    {
        List<Task> tasks;
        lock (_gate)
        {
            _disposed = true;
            tasks = [.. _stopping, .. _zygotes.Values.Select(Retire)];
            _zygotes.Clear();
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Stops a zygote taken out of the pool (call under the lock); its counts stay in the totals.</summary>
    private Task Retire(Zygote zygote)
    {
        _pastForks += zygote.Forks;
        _pastFailures += zygote.Failures;
        return zygote.DisposeAsync().AsTask();
    }

    private static string Key(FunctionSpec spec) => spec.Namespace + "/" + spec.Name;

    private static string NewId() => "zygote-" + Guid.NewGuid().ToString("N")[..12];
}
