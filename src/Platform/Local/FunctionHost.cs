using Harness.Platform.Contracts;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// One deployed function: its desired replica count, the seats that supervise its replicas, its log ring and the
/// snapshot of ready endpoints that the gateway reads on every call.
/// </summary>
internal sealed class FunctionHost
{
    private readonly ReplicaFactory _factory;
    private readonly CpuMeter _cpu;
    private readonly LocalProviderOptions _options;
    private readonly Lock _gate = new();
    private readonly List<ReplicaSlot> _active = [];
    private readonly List<ReplicaSlot> _retiring = [];
    private readonly List<Task> _loops = [];
    private FunctionEndpoint[] _ready = [];
    private TaskCompletionSource _readyChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _desired;
    private string? _lastExitReason;
    private StandbyReplica? _standby;
    private bool _standbyStarting;
    private bool _stopped;

    public FunctionHost(FunctionSpec spec, int desired, DateTimeOffset createdAt, ReplicaFactory factory, LocalProviderOptions options)
    {
        Spec = spec;
        _desired = desired;
        CreatedAt = createdAt;
        _factory = factory;
        _options = options;
        Logs = new LogRing(options.LogCapacity);
        _cpu = new CpuMeter(options.TimeProvider);
        // Started now, so that it is ready (about an interpreter's start) before the first scale from zero.
        factory.Prefork.Prepare(spec);
        lock (_gate)
        {
            PrepareStandbyLocked();
        }
    }

    public FunctionSpec Spec { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public LogRing Logs { get; }

    public int Desired => Volatile.Read(ref _desired);

    /// <summary>The ready endpoints; replaced (never mutated) on every change, so readers need no lock.</summary>
    public IReadOnlyList<FunctionEndpoint> Ready => Volatile.Read(ref _ready);

    public string? LastExitReason => Volatile.Read(ref _lastExitReason);

    /// <summary>Completes at the next publication of <see cref="Ready"/> (take it before reading <see cref="Ready"/>).</summary>
    public Task ReadyChanged => Volatile.Read(ref _readyChanged).Task;

    /// <summary>Starts or stops seats until <paramref name="replicas"/> are wanted; returns at once (replicas start in the background).</summary>
    public void Scale(int replicas)
    {
        lock (_gate)
        {
            _desired = replicas;
            while (_active.Count < replicas)
            {
                StartSlot(Spec);
            }

            while (_active.Count > replicas)
            {
                var slot = _active[^1];
                _active.RemoveAt(_active.Count - 1);
                slot.Stop.Cancel();
            }

            PublishLocked();
            PrepareStandbyLocked();
        }
    }

    /// <summary>Replaces the replicas with ones of <paramref name="spec"/>: new ones start, old ones stop once the new are ready.</summary>
    public void Update(FunctionSpec spec)
    {
        List<ReplicaSlot> fresh = [];
        List<ReplicaSlot> old;
        StandbyReplica? stale;
        _factory.Prefork.Prepare(spec);
        lock (_gate)
        {
            Spec = spec;
            stale = _standby;
            _standby = null;
            PrepareStandbyLocked();
            old = [.. _active];
            _active.Clear();
            _retiring.AddRange(old);
            for (var i = 0; i < _desired; i++)
            {
                fresh.Add(StartSlot(spec));
            }
        }

        var retire = RetireWhenReadyAsync(fresh, old);
        lock (_gate)
        {
            _loops.Add(retire);
            if (stale is not null)
            {
                _loops.Add(DiscardStandbyAsync(stale));
            }
        }
    }

    /// <summary>Stops every replica and waits until they are gone.</summary>
    public async Task StopAllAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            _stopped = true;
            foreach (var s in _active.Concat(_retiring))
            {
                s.Stop.Cancel();
            }

            _active.Clear();
            _retiring.Clear();
            PublishLocked();
            if (_standby is { } standby)
            {
                _standby = null;
                _loops.Add(DiscardStandbyAsync(standby));
            }

            loops = [.. _loops];
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        await _factory.Prefork.StopAsync(Spec).ConfigureAwait(false);
        Logs.Complete();
    }

    /// <summary>Artifact digests this function's replicas run: the current spec's and, during a rolling update, the retiring ones'.</summary>
    public IEnumerable<string> ArtifactDigestsInUse()
    {
        lock (_gate)
        {
            return _active.Concat(_retiring).Select(s => s.Spec.ArtifactDigest).Append(Spec.ArtifactDigest).OfType<string>().ToList();
        }
    }

    /// <summary>CPU use of the replicas in millicores (see <see cref="CpuMeter"/>); <paramref name="wait"/> allows one short sampling window.</summary>
    public Task<double> CpuMillicoresAsync(bool wait, CancellationToken cancellationToken)
    {
        List<(string Id, DateTimeOffset StartedAt, Func<long?> Read)> replicas;
        lock (_gate)
        {
            replicas = [.. _active.Concat(_retiring).Select(s => s.Current).OfType<Replica>().Select(r => (r.Id, r.StartedAt, (Func<long?>)(() => _factory.CpuUsageNanos(r))))];
        }

        return _cpu.MeasureAsync(replicas, wait, cancellationToken);
    }

    public FunctionStatus Status(bool usage)
    {
        var d = Spec.Deployment;
        FunctionUsage? u = null;
        if (usage)
        {
            long memory = 0;
            lock (_gate)
            {
                foreach (var s in _active.Concat(_retiring))
                {
                    if (s.Current is { } r)
                    {
                        memory += _factory.MemoryUsage(r);
                    }
                }
            }

            u = new FunctionUsage { TotalMemoryBytes = memory };
        }

        return new FunctionStatus
        {
            Name = Spec.Name,
            Namespace = Spec.Namespace,
            Image = d.Image,
            // The effective fprocess, as OpenFaaS reports the image's: a built artifact names it in its manifest, not the deployment.
            EnvProcess = Spec.Environment.GetValueOrDefault("fprocess") ?? d.EnvProcess,
            EnvVars = d.EnvVars,
            Constraints = d.Constraints,
            Secrets = d.Secrets,
            Labels = d.Labels,
            Annotations = d.Annotations,
            Limits = d.Limits,
            Requests = d.Requests,
            ReadOnlyRootFilesystem = d.ReadOnlyRootFilesystem,
            Replicas = Desired,
            AvailableReplicas = Ready.Count,
            CreatedAt = CreatedAt,
            Usage = u,
            LastExitReason = LastExitReason,
        };
    }

    /// <summary>Writes a platform line into the function's logs (and the provider's logger).</summary>
    public void Note(string instance, string text, LogLevel level = LogLevel.Information)
    {
        _options.Logger.Log(level, "{Function}.{Namespace} {Instance}: {Text}", Spec.Name, Spec.Namespace, instance, text);
        Logs.Add(new LogEntry { Name = Spec.Name, Namespace = Spec.Namespace, Instance = instance, Timestamp = _options.TimeProvider.GetUtcNow(), Text = "[harness] " + text });
    }

    private ReplicaSlot StartSlot(FunctionSpec spec)
    {
        _loops.RemoveAll(t => t.IsCompleted);
        var slot = new ReplicaSlot(spec);
        _active.Add(slot);
        // Released here, before the pool thread is even dispatched: a scale from zero is waiting for this replica.
        var standby = TakeStandbyLocked(spec);
        slot.Loop = Task.Run(() => SuperviseAsync(slot, standby));
        _loops.Add(slot.Loop);
        return slot;
    }

    private async Task RetireWhenReadyAsync(List<ReplicaSlot> fresh, List<ReplicaSlot> old)
    {
        if (old.Count == 0)
        {
            return;
        }

        try
        {
            // Like a rolling update with maxUnavailable 0: keep the old replicas until the new ones serve (bounded).
            using var cts = new CancellationTokenSource(_options.ReadinessTimeout * 2, _options.TimeProvider);
            await Task.WhenAll(fresh.Select(s => s.FirstReady.Task)).WaitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Note("update", "new replicas were not all ready in time; stopping the old ones anyway", LogLevel.Warning);
        }

        lock (_gate)
        {
            foreach (var s in old)
            {
                s.Stop.Cancel();
            }

            PublishLocked();
        }

        // A stopping replica still drains from its artifact folder: it counts as in use (ArtifactDigestsInUse) until it is gone.
        await Task.WhenAll(old.Select(s => s.Loop)).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var s in old)
            {
                _retiring.Remove(s);
            }
        }
    }

    private async Task SuperviseAsync(ReplicaSlot slot, Replica? standby)
    {
        var stop = slot.Stop.Token;
        var backoff = _options.RestartBackoffInitial;
        var time = _options.TimeProvider;
        var stopped = Task.Delay(Timeout.Infinite, stop);
        while (!stop.IsCancellationRequested)
        {
            Replica replica;
            try
            {
                if (standby is not null)
                {
                    // Only the first run of the slot; a restart starts a replica the usual way.
                    replica = standby;
                    standby = null;
                }
                else
                {
                    replica = _factory.Create(slot.Spec, OnOutput);
                    replica.Start(time.GetUtcNow());
                    _factory.Started(replica);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                SetExitReason($"StartFailed({ex.Message})");
                Note("supervisor", $"could not start a replica: {ex.Message}; retrying in {backoff.TotalMilliseconds:0} ms", LogLevel.Warning);
                if (!await DelayAsync(backoff, stop).ConfigureAwait(false))
                {
                    break;
                }

                backoff = Next(backoff);
                continue;
            }

            slot.Current = replica;
            var ready = await replica.WaitReadyAsync(HealthClient.Instance, _factory.ReadinessPollInterval, _options.ReadinessTimeout, time, stop).ConfigureAwait(false);
            var missing = ready ? _factory.MissingIsolation(replica) : null;
            if (missing is not null)
            {
                // Never serve from a replica that runs less isolated than it was asked to.
                ready = false;
                Note(replica.Id, $"the watchdog {_options.WatchdogPath} reported ready but {missing} (does it predate {ReplicaLaunch.IsolationVariable}?); killing it", LogLevel.Error);
                replica.KillGroup();
            }

            if (ready && !stop.IsCancellationRequested)
            {
                replica.State = ReplicaState.Ready;
                Publish();
                slot.FirstReady.TrySetResult(true);
            }
            else if (missing is null && !replica.Exited.IsCompleted && !stop.IsCancellationRequested)
            {
                Note(replica.Id, $"not ready after {_options.ReadinessTimeout.TotalSeconds:0.#} s; killing it", LogLevel.Warning);
                replica.KillGroup();
            }

            long oomSeen = 0;
            if (replica.State == ReplicaState.Ready)
            {
                oomSeen = await WatchAsync(replica, slot.Spec, stopped).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(replica.Exited, stopped).ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested && !replica.Exited.IsCompleted)
            {
                Publish();
                await replica.StopAsync(_options.StopGracePeriod, time).ConfigureAwait(false);
                await _factory.CleanupAsync(replica, slot.Spec).ConfigureAwait(false);
                break;
            }

            var code = await replica.Exited.ConfigureAwait(false);
            var wasStopping = replica.State == ReplicaState.Stopping || stop.IsCancellationRequested;
            var reason = _factory.DescribeExit(replica, slot.Spec, code, oomSeen);
            if (replica.LastOomSeenAt is { } oomAt && time.GetUtcNow() - oomAt < TimeSpan.FromSeconds(5))
            {
                // Its function was just OOM-killed and the watchdog went down with it.
                reason = ExitReason.OomKilled;
            }

            if (missing is not null)
            {
                reason = "IsolationFailed";
            }

            replica.State = ReplicaState.Exited;
            Publish();
            await _factory.CleanupAsync(replica, slot.Spec).ConfigureAwait(false);
            if (wasStopping)
            {
                break;
            }

            SetExitReason(reason);
            if (time.GetUtcNow() - replica.StartedAt > _options.RestartBackoffReset)
            {
                backoff = _options.RestartBackoffInitial;
            }

            Note(replica.Id, $"exited: {reason}; restarting in {backoff.TotalMilliseconds:0} ms", LogLevel.Warning);
            if (!await DelayAsync(backoff, stop).ConfigureAwait(false))
            {
                break;
            }

            backoff = Next(backoff);
        }

        slot.FirstReady.TrySetResult(false);
    }

    /// <summary>
    /// While a replica runs: probes its health (out of rotation after a few failures, back on the first 200) and
    /// reports OOM kills inside it. In http mode the watchdog restarts a killed function itself, so the replica
    /// survives the kill and this is the only place that sees it. Returns the OOM kills reported.
    /// </summary>
    private async Task<long> WatchAsync(Replica replica, FunctionSpec spec, Task stopped)
    {
        var time = _options.TimeProvider;
        var oomSeen = Math.Max(0, _factory.OomKills(replica));
        var failures = 0;
        while (true)
        {
            var tick = Task.Delay(_options.LivenessInterval, time);
            if (await Task.WhenAny(replica.Exited, stopped, tick).ConfigureAwait(false) != tick)
            {
                return oomSeen;
            }

            var oom = _factory.OomKills(replica);
            if (oom > oomSeen)
            {
                oomSeen = oom;
                replica.LastOomSeenAt = time.GetUtcNow();
                SetExitReason(ExitReason.OomKilled);
                Note(replica.Id, $"OOMKilled: the kernel killed a process of this replica at its memory limit ({spec.Deployment.Limits?.Memory}); the watchdog restarts the function", LogLevel.Warning);
            }

            using var probeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
            var healthy = await replica.ProbeAsync(HealthClient.Instance, probeTimeout.Token).ConfigureAwait(false);
            failures = healthy ? 0 : failures + 1;
            var ready = replica.State == ReplicaState.Ready;
            if (healthy && !ready && replica.State == ReplicaState.Starting)
            {
                replica.State = ReplicaState.Ready;
                Note(replica.Id, "healthy again; back in rotation");
                Publish();
            }
            else if (ready && failures >= _options.LivenessFailureThreshold)
            {
                replica.State = ReplicaState.Starting;
                Note(replica.Id, $"{failures} failed health checks; out of rotation until healthy", LogLevel.Warning);
                Publish();
            }
        }
    }

    /// <summary>
    /// Starts this function's standby replica when it is scaled to zero, has none, and its zygote serves its current
    /// files (call under the lock; the start runs in the background).
    /// </summary>
    private void PrepareStandbyLocked()
    {
        if (!_options.PreforkStandby || _stopped || _desired != 0 || _standby is not null || _standbyStarting)
        {
            return;
        }

        _loops.RemoveAll(t => t.IsCompleted);
        _standbyStarting = true;
        var spec = Spec;
        _loops.Add(Task.Run(() => RunStandbyAsync(spec)));
    }

    private async Task RunStandbyAsync(FunctionSpec spec)
    {
        Replica? replica = null;
        try
        {
            // At deploy the zygote is still importing the runtime: a standby needs it ready.
            if (_factory.Prefork.WhenReady(spec) is { } zygoteReady
                && await zygoteReady.WaitAsync(_options.ReadinessTimeout, _options.TimeProvider).ConfigureAwait(false))
            {
                replica = _factory.CreateStandby(spec, OnOutput);
                replica?.Start(_options.TimeProvider.GetUtcNow());
                if (replica is not null)
                {
                    _factory.Started(replica);
                }
            }
        }
        catch (TimeoutException)
        {
            Note("standby", $"no standby replica: the pre-fork zygote was not ready after {_options.ReadinessTimeout.TotalSeconds:0.#} s; the next scale from zero starts a replica the usual way", LogLevel.Warning);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Note("standby", $"could not start a standby replica: {ex.Message}; the next scale from zero starts one", LogLevel.Warning);
        }

        StandbyReplica? standby = null;
        bool respecified;
        lock (_gate)
        {
            _standbyStarting = false;
            respecified = !ReferenceEquals(spec, Spec);
            if (replica is not null && !_stopped && _desired == 0 && !respecified)
            {
                standby = new StandbyReplica(replica, spec);
                _standby = standby;
            }
            else if (respecified)
            {
                // Updated while this one started: one for the new files.
                PrepareStandbyLocked();
            }
        }

        if (replica is null)
        {
            return;
        }

        if (standby is null)
        {
            // Scaled up (or stopped, or updated) while it started: it never served, so it is simply removed.
            await DiscardAsync(replica, spec).ConfigureAwait(false);
            return;
        }

        // Shown in /system/info once its watchdog says it is fully prepared (it may be taken before that, and still gains).
        // A slow one is still shown when it gets there: the operator is told it is late, not left without a standby.
        var outcome = Task.WhenAny(replica.Held, replica.Exited, standby.Taken.Task);
        try
        {
            await outcome.WaitAsync(_options.ReadinessTimeout, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Note(replica.Id, $"standby replica not prepared after {_options.ReadinessTimeout.TotalSeconds:0.#} s; it is shown in /system/info once it is, and a scale from zero may take it before", LogLevel.Warning);
        }

        if (await outcome.ConfigureAwait(false) == replica.Held)
        {
            // Noted before it is shown: whoever sees it in /system/info finds the line in the logs.
            Note(replica.Id, "standby replica prepared: sandbox built, watchdog up, server forked and waiting to import the handler");
            lock (_gate)
            {
                if (_standby == standby)
                {
                    _factory.Prefork.SetStandby(spec, replica.Id);
                }
            }
        }

        if (await Task.WhenAny(replica.Exited, standby.Taken.Task).ConfigureAwait(false) == standby.Taken.Task)
        {
            return;
        }

        bool mine;
        lock (_gate)
        {
            mine = _standby == standby;
            if (mine)
            {
                _standby = null;
                _factory.Prefork.ClearStandby(spec, replica.Id);
            }
        }

        if (mine)
        {
            // Not replaced at once: a standby that keeps failing must not become a restart loop.
            Note(replica.Id, "the standby replica exited before it was used; the next scale to zero prepares another", LogLevel.Warning);
            await DiscardAsync(replica, spec).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The standby replica, released into service, when there is one for <paramref name="spec"/>; else null (call
    /// under the lock: the release is one byte on a pipe).
    /// </summary>
    private Replica? TakeStandbyLocked(FunctionSpec spec)
    {
        var standby = _standby;
        if (standby is null || !ReferenceEquals(standby.Spec, spec) || standby.Replica.Exited.IsCompleted)
        {
            return null;
        }

        _standby = null;
        _factory.Prefork.ClearStandby(spec, standby.Replica.Id);
        // Noted before the byte: whatever the replica logs once released comes after it.
        Note(standby.Replica.Id, "standby replica taken into service");
        if (!standby.Replica.Release())
        {
            // Gone between the check and the byte: it is removed, and the slot starts a replica the usual way.
            Note(standby.Replica.Id, "the standby replica was gone when taken; starting a replica the usual way", LogLevel.Warning);
            _loops.Add(DiscardStandbyAsync(standby));
            return null;
        }

        standby.Taken.TrySetResult();
        _factory.Prefork.StandbyTaken();
        return standby.Replica;
    }

    private Task DiscardStandbyAsync(StandbyReplica standby)
    {
        _factory.Prefork.ClearStandby(standby.Spec, standby.Replica.Id);
        standby.Taken.TrySetCanceled();
        return DiscardAsync(standby.Replica, standby.Spec);
    }

    /// <summary>Removes a replica that never served (a standby): killed at once, no drain; then its ports, cgroups and folder.</summary>
    private async Task DiscardAsync(Replica replica, FunctionSpec spec)
    {
        replica.State = ReplicaState.Stopping;
        await _factory.CleanupAsync(replica, spec).ConfigureAwait(false);
    }

    private void OnOutput(Replica replica, string line) =>
        Logs.Add(new LogEntry { Name = Spec.Name, Namespace = Spec.Namespace, Instance = replica.Id, Timestamp = _options.TimeProvider.GetUtcNow(), Text = line });

    private void SetExitReason(string reason) => Volatile.Write(ref _lastExitReason, reason);

    private TimeSpan Next(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RestartBackoffMax.Ticks));

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Publish()
    {
        lock (_gate)
        {
            PublishLocked();
        }
    }

    private void PublishLocked()
    {
        var list = new List<FunctionEndpoint>();
        foreach (var s in _active.Concat(_retiring))
        {
            if (!s.Stop.IsCancellationRequested && s.Current is { State: ReplicaState.Ready } r)
            {
                list.Add(r.Endpoint);
            }
        }

        Volatile.Write(ref _ready, [.. list]);
        var changed = _readyChanged;
        Volatile.Write(ref _readyChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        changed.TrySetResult();
    }
}
