using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>Turns a <see cref="FunctionSpec"/> into started replicas and cleans up after them (ports, cgroups, stray processes).</summary>
internal sealed class ReplicaFactory
{
    private readonly LocalProviderOptions _options;
    private readonly Isolation _isolation;
    private readonly CgroupV1? _cgroups;
    private readonly ReadinessListener? _notify;
    private readonly LoopbackPorts _ports;
    private readonly IPAddress _address;
    private readonly string _runRoot;
    private readonly string? _monitor;
    private readonly ConcurrentDictionary<string, int[]> _leases = new();

    // sockaddr_un holds 108 bytes with the terminating NUL.
    private const int MaxSocketPath = 107;

    public ReplicaFactory(LocalProviderOptions options, Isolation isolation, CgroupV1? cgroups, string runRoot, ReadinessListener? notify = null)
    {
        Prefork = new PreforkPool(options, isolation, cgroups, runRoot, Templates.PythonInterpreter.Path, ZygoteEnvironment);
        _notify = notify;
        _options = options;
        _isolation = isolation;
        _cgroups = cgroups;
        _address = IPAddress.Parse(options.BindAddress);
        _ports = new LoopbackPorts(_address);
        _runRoot = runRoot;
        var monitor = options.SandboxMonitorPath ?? SandboxMonitorLocator.NextTo(options.WatchdogPath);
        _monitor = monitor is not null && Path.GetFullPath(monitor) == Path.GetFullPath(options.WatchdogPath) ? null : monitor;
    }

    public Isolation Isolation => _isolation;

    /// <summary>The functions' pre-fork zygotes.</summary>
    public PreforkPool Prefork { get; }

    /// <summary>What runs outside each sandbox: the slim monitor's path, or null when the watchdog plays that role.</summary>
    public string? MonitorPath => _monitor;

    /// <summary>How often a starting replica's health is polled: rarely when its watchdog notifies readiness.</summary>
    public TimeSpan ReadinessPollInterval => _notify is null ? _options.ReadinessPollInterval : _options.ReadinessFallbackPollInterval;

    /// <summary>Call right after <see cref="Replica.Start"/>: its readiness notification is routed by its PID.</summary>
    public void Started(Replica replica) => _notify?.Track(replica);

    public Replica Create(FunctionSpec spec, Action<Replica, string> onOutput) =>
        Create(spec, onOutput, hold: false) ?? throw new InvalidOperationException("a replica that is not held always starts");

    /// <summary>
    /// A standby replica of <paramref name="spec"/>: sandbox built, watchdog started, server forked from the zygote,
    /// both waiting for <see cref="Replica.Release"/> before the handler is imported. Null when the function has no
    /// ready zygote (then a standby would be an ordinary replica, which it must never be). Not started yet.
    /// </summary>
    public Replica? CreateStandby(FunctionSpec spec, Action<Replica, string> onOutput) =>
        Placement(spec).Sandbox && Prefork.ReadyFor(spec) is not null ? Create(spec, onOutput, hold: true) : null;

    private Replica? Create(FunctionSpec spec, Action<Replica, string> onOutput, bool hold)
    {
        var id = $"{spec.Name}-{RandomSuffix()}";
        var port = _ports.Lease();
        var leases = new List<int> { port };
        var runDir = Path.Combine(_runRoot, spec.Namespace, spec.Name, "replicas", id);
        Directory.CreateDirectory(runDir);

        var (sandbox, useMounts) = Placement(spec);
        int? upstreamPort = null;
        if (spec.UpstreamUrl is not null)
        {
            upstreamPort = _ports.Lease();
            leases.Add(upstreamPort.Value);
        }

        var env = ReplicaEnvironment(spec, id, port, upstreamPort, runDir);
        if (_notify is not null)
        {
            env["NOTIFY_SOCKET"] = _notify.Address;
        }

        var zygote = sandbox ? Prefork.ReadyFor(spec) : null;
        if (sandbox && zygote is null)
        {
            // None yet (the bound was reached at deploy, or it failed): one may start now, for the next cold start.
            Prefork.Prepare(spec);
        }

        if (zygote is not null && !zygote.FitsEnvironment(PreforkRequestFile.ServerEnvironment(env)))
        {
            // A port of another number of digits: the server's environ would not fit the zygote's (see zygote.py).
            zygote = null;
        }

        if (hold && zygote is null)
        {
            foreach (var p in leases)
            {
                _ports.Release(p);
            }

            Directory.Delete(runDir, recursive: true);
            return null;
        }

        IReadOnlyList<string> cgroupPaths = [];
        if (_cgroups is not null)
        {
            _cgroups.Create(id, spec.Limits);
            if (_options.CgroupJoinWarmup && !hold)
            {
                // The grace period the replica's joins wait for then runs while the monitor starts; a pre-forked
                // server joins after its watchdog.
                _cgroups.WarmAttach(id, zygote is null ? 1 : 2);
            }
            cgroupPaths = _cgroups.PathsFor(id);
        }

        PreforkLaunch? prefork = null;
        if (zygote is not null)
        {
            var request = PreforkRequestFile.Write(runDir, spec.Uid!.Value, spec.Uid.Value, _options.OpenFilesLimit, Templates.PythonInterpreter.Path!, env, cgroupPaths);
            prefork = new PreforkLaunch(zygote.SocketPath, request, hold);
        }

        var socket = UnixSocketFor(runDir, sandbox, useMounts && spec.ReadOnlyRoot);
        if (socket is not null && !sandbox)
        {
            // Unsandboxed, the watchdog binds it itself (it runs with the provider's rights anyway).
            env["unix_socket"] = socket;
        }

        _leases[id] = [.. leases];
        var launch = new ReplicaLaunch
        {
            ReplicaId = id,
            WatchdogPath = _options.WatchdogPath,
            MonitorPath = _monitor,
            WorkingDirectory = spec.WorkingDirectory,
            Environment = env,
            CgroupPaths = cgroupPaths,
            MountNamespace = useMounts,
            SecretsSource = useMounts || sandbox ? spec.SecretsDirectory : null,
            ReadOnlyRoot = (useMounts || sandbox) && spec.ReadOnlyRoot,
            Sandbox = sandbox
                ? new SandboxLayout
                {
                    Uid = spec.Uid!.Value,
                    Gid = spec.Uid.Value,
                    RootDirectory = Directory.CreateDirectory(Path.Combine(runDir, "root")).FullName,
                    Hostname = id,
                    OpenFilesLimit = _options.OpenFilesLimit,
                    TmpSize = _options.TmpSize,
                    ListenSocket = socket,
                    Prefork = prefork,
                }
                : null,
            UnixSocket = socket,
            TmpStagingDirectory = useMounts && spec.ReadOnlyRoot ? Directory.CreateDirectory(Path.Combine(runDir, "tmp")).FullName : null,
        };
        return new Replica(launch, port, _address, onOutput);
    }

    /// <summary>
    /// A replica's environment apart from the sd_notify socket: the function's, then its own port, address, name, lock
    /// and secrets folder, and its upstream's address in http mode.
    /// </summary>
    private Dictionary<string, string> ReplicaEnvironment(FunctionSpec spec, string id, int port, int? upstreamPort, string runDir)
    {
        var (sandbox, useMounts) = Placement(spec);
        var env = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal)
        {
            ["port"] = port.ToString(CultureInfo.InvariantCulture),
            ["bind_address"] = _options.BindAddress,
            ["HOSTNAME"] = id,
            [ProcessSweep.MarkerVariable] = id,
            [StaleOwnerReaper.OwnerVariable] = ProcessOwner.Current,
        };

        // Each replica needs its own lock: in a sandbox or with a read-only root it lives in the replica's private /tmp.
        env["lock_path"] = sandbox || (useMounts && spec.ReadOnlyRoot) ? "/tmp/.lock" : Path.Combine(runDir, ".lock");
        if (spec.SecretsDirectory is not null)
        {
            env["secret_mount_path"] = sandbox || useMounts ? Contracts.PlatformDefaults.SecretMountPath : spec.SecretsDirectory;
        }

        if (spec.UpstreamUrl is { } upstream && upstreamPort is { } up)
        {
            env["upstream_url"] = new UriBuilder(upstream) { Host = _options.BindAddress, Port = up }.Uri.ToString().TrimEnd('/');
            env["upstream_port"] = up.ToString(CultureInfo.InvariantCulture);
        }

        return env;
    }

    /// <summary>Whether a replica of <paramref name="spec"/> runs in the sandbox, else in a private mount namespace of its own.</summary>
    private (bool Sandbox, bool UseMounts) Placement(FunctionSpec spec)
    {
        var sandbox = _isolation.Sandbox && spec.Uid is not null;
        return (sandbox, !sandbox && _isolation.MountNamespace && (spec.SecretsDirectory is not null || spec.ReadOnlyRoot));
    }

    /// <summary>
    /// The environment a zygote of <paramref name="spec"/> starts with: a replica's, with a stand-in name and ports of
    /// the usual length, so that its environ area is as long as the server's that takes it over (see zygote.py).
    /// </summary>
    internal IReadOnlyDictionary<string, string> ZygoteEnvironment(FunctionSpec spec) =>
        ReplicaEnvironment(spec, spec.Name + "-zygot", 10000, spec.UpstreamUrl is null ? null : 10001, Path.Combine(_runRoot, spec.Namespace, spec.Name));

    /// <summary>
    /// Where the replica's Unix socket goes: its run folder on the host, which a sandbox never sees (the monitor binds it
    /// there before the clone). Null when sockets are off, when a private read-only root would hide the file from the
    /// host, or when the path is too long for a socket address (the gateway then uses TCP).
    /// </summary>
    private string? UnixSocketFor(string runDir, bool sandbox, bool privateTmp)
    {
        if (!_options.UnixSockets || (!sandbox && privateTmp))
        {
            return null;
        }

        var path = Path.Combine(Path.GetFullPath(runDir), "watchdog.sock");
        return System.Text.Encoding.UTF8.GetByteCount(path) <= MaxSocketPath ? path : null;
    }

    /// <summary>
    /// Null when the running watchdog really is in the cgroups and mount namespace it was asked to enter; else what is
    /// missing. A watchdog too old to know <see cref="ReplicaLaunch.IsolationVariable"/> would otherwise run without limits.
    /// </summary>
    public string? MissingIsolation(Replica replica)
    {
        if (replica.Launch.Sandbox is { } sandbox)
        {
            return MissingSandbox(replica, sandbox);
        }

        if (_cgroups is not null && !_cgroups.Processes(replica.Id).Contains(replica.Pid))
        {
            return "it is not in its cgroups";
        }

        if (replica.Launch.MountNamespace && SameMountNamespace(replica.Pid))
        {
            return "it is not in a private mount namespace";
        }

        return null;
    }

    /// <summary>The sandboxed watchdog is the only child of its monitor (the replica's pid): it must be in the cgroups,
    /// in namespaces of its own, and run as the function's uid.</summary>
    private string? MissingSandbox(Replica replica, SandboxLayout sandbox)
    {
        var inner = ChildOf(replica.Pid);
        if (inner is not { } pid)
        {
            return "its monitor has no sandboxed child";
        }

        if (_cgroups is not null && !_cgroups.Processes(replica.Id).Contains(pid))
        {
            return "it is not in its cgroups";
        }

        foreach (var ns in new[] { "pid", "mnt", "ipc", "uts" })
        {
            if (SameNamespace(pid, ns))
            {
                return $"it is not in a {ns} namespace of its own";
            }
        }

        var uid = ProcessUid(pid);
        return uid is { } u && u != sandbox.Uid ? $"it runs as uid {u}, not {sandbox.Uid}" : null;
    }

    private static int? ChildOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim();
            var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var child) ? child : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? ProcessUid(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var effective = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
            return int.TryParse(effective, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool SameMountNamespace(int pid) => SameNamespace(pid, "mnt");

    private static bool SameNamespace(int pid, string ns)
    {
        try
        {
            var theirs = new FileInfo($"/proc/{pid}/ns/{ns}").LinkTarget;
            return theirs is not null && theirs == new FileInfo($"/proc/self/ns/{ns}").LinkTarget;
        }
        catch (IOException)
        {
            // Gone already: its exit is handled as an exit.
            return false;
        }
    }

    /// <summary>Why the replica ended, read before its cgroup is removed.</summary>
    /// <param name="oomKillsSeen">OOM kills already reported while it ran (the watchdog restarted its function then).</param>
    public string DescribeExit(Replica replica, FunctionSpec spec, int exitCode, long oomKillsSeen)
    {
        var count = OomKills(replica);
        var fresh = count < 0 ? -1 : count - Math.Max(0, oomKillsSeen);
        return ExitReason.Describe(exitCode, fresh, _cgroups is not null && spec.Limits.MemoryBytes is not null);
    }

    /// <summary>OOM kills so far in the replica's memory cgroup (0 without cgroups, -1 when the kernel does not count).</summary>
    public long OomKills(Replica replica) => _cgroups?.OomKillCount(replica.Id) ?? 0;

    public long MemoryUsage(Replica replica) => _cgroups?.MemoryUsageBytes(replica.Id) ?? 0;

    /// <summary>CPU time used so far by the replica's processes (ns): its cpuacct cgroup, else its process tree in /proc.</summary>
    public long? CpuUsageNanos(Replica replica) => _cgroups?.CpuUsageNanos(replica.Id) ?? ProcessCpu.TreeNanos(replica.Pid);

    /// <summary>Kills whatever the replica left behind and frees its ports, cgroups and run folder.</summary>
    public async Task CleanupAsync(Replica replica, FunctionSpec spec)
    {
        _notify?.Forget(replica);
        // A cpu-throttled task cannot even die: lift the quota before the kills.
        _cgroups?.LiftCpuQuota(replica.Id);
        replica.KillGroup();
        if (_cgroups is not null)
        {
            // rmdir fails while the kernel still tears down killed processes; poll briefly.
            var start = _options.TimeProvider.GetTimestamp();
            // A killed fork bomb takes the kernel a while to tear down on a loaded machine.
            while (!_cgroups.Remove(replica.Id) && _options.TimeProvider.GetElapsedTime(start) < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
        else
        {
            ProcessSweep.KillByMarker(replica.Id);
        }

        if (_leases.TryRemove(replica.Id, out var ports))
        {
            foreach (var p in ports)
            {
                _ports.Release(p);
            }
        }

        replica.DisposeProcess();
        try
        {
            Directory.Delete(Path.Combine(_runRoot, spec.Namespace, spec.Name, "replicas", replica.Id), recursive: true);
        }
        catch (IOException ex)
        {
            _options.Logger.LogDebug(ex, "could not remove the run folder of {Replica}", replica.Id);
        }
    }

    private static string RandomSuffix()
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = chars[Random.Shared.Next(chars.Length)];
        }

        return new string(s);
    }
}
