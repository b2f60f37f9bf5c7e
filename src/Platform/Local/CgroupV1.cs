using System.Globalization;

namespace Harness.Platform.Local;

/// <summary>
/// Creates and removes one replica's cgroups under the v1 memory, cpu and pids controllers. The replica joins them itself
/// (the watchdog writes its own PID to <c>cgroup.procs</c> before it starts the function), so nothing it forks escapes.
/// </summary>
internal sealed class CgroupV1
{
    private static readonly string[] Controllers = ["memory", "cpu", "pids"];

    private readonly string _root;
    private readonly string _group;
    private readonly string[] _controllers;
    private readonly string? _cpuacct;

    public CgroupV1(string root, string group)
    {
        _root = root;
        _group = group;
        // CPU time comes from cpuacct: co-mounted with cpu ("cpu,cpuacct") its files are in the cpu group; mounted on its
        // own it is one more group the replica joins. Without it, usage.cpu falls back to /proc (ProcessCpu).
        if (File.Exists(Path.Combine(root, "cpu", "cpuacct.usage")))
        {
            _cpuacct = "cpu";
            _controllers = Controllers;
        }
        else if (File.Exists(Path.Combine(root, "cpuacct", "cpuacct.usage")))
        {
            _cpuacct = "cpuacct";
            _controllers = [.. Controllers, "cpuacct"];
        }
        else
        {
            _controllers = Controllers;
        }
    }

    /// <summary>Our top-level group name (for example <c>harness-1a2b3c4d</c>).</summary>
    public string Group => _group;

    /// <summary>True when every controller we need is mounted and we may create groups in it.</summary>
    public static bool IsAvailable(string root, out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "cgroups need Linux";
            return false;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            reason = "cgroups need root";
            return false;
        }

        foreach (var c in Controllers)
        {
            if (!File.Exists(Path.Combine(root, c, "cgroup.procs")))
            {
                reason = $"the cgroup v1 '{c}' controller is not mounted at {Path.Combine(root, c)}";
                return false;
            }
        }

        reason = "";
        return true;
    }

    /// <summary>The folders (one per controller) of a replica's cgroup.</summary>
    public IReadOnlyList<string> PathsFor(string replicaId) => [.. _controllers.Select(c => Path.Combine(_root, c, _group, replicaId))];

    /// <summary>
    /// Starts the grace period the replica's join waits for, and keeps it passed until that join (see
    /// <see cref="CgroupAttachWarmup"/>); returns at once. Call after <see cref="Create"/>.
    /// </summary>
    public void WarmAttach(string replicaId, int processes = 1) =>
        CgroupAttachWarmup.Start(_root, Path.Combine(_root, _controllers[^1], _group, replicaId, "cgroup.procs"), processes);

    public void Create(string replicaId, ResourceLimits limits)
    {
        foreach (var c in _controllers)
        {
            Directory.CreateDirectory(Path.Combine(_root, c, _group, replicaId));
        }

        var memory = Path.Combine(_root, "memory", _group, replicaId);
        if (limits.MemoryBytes is { } bytes)
        {
            Write(memory, "memory.limit_in_bytes", bytes);
            // Without a swap limit the kernel could swap instead of killing; not every kernel has memsw.
            TryWrite(memory, "memory.memsw.limit_in_bytes", bytes);
        }

        var cpu = Path.Combine(_root, "cpu", _group, replicaId);
        if (limits.CpuQuotaMicros is { } quota)
        {
            Write(cpu, "cpu.cfs_period_us", limits.CpuPeriodMicros);
            Write(cpu, "cpu.cfs_quota_us", quota);
        }

        Write(Path.Combine(_root, "pids", _group, replicaId), "pids.max", limits.PidsMax);
    }

    /// <summary>How many times the kernel's OOM killer fired in the replica's memory cgroup; -1 when this kernel does not say.</summary>
    public long OomKillCount(string replicaId)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(_root, "memory", _group, replicaId, "memory.oom_control")))
            {
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    public long MemoryUsageBytes(string replicaId) => ReadLong(Path.Combine(_root, "memory", _group, replicaId, "memory.usage_in_bytes"));

    /// <summary>CPU time used so far by every process in the replica's group (<c>cpuacct.usage</c>, ns); null without cpuacct.</summary>
    public long? CpuUsageNanos(string replicaId) =>
        _cpuacct is null || !File.Exists(Path.Combine(_root, _cpuacct, _group, replicaId, "cpuacct.usage"))
            ? null
            : ReadLong(Path.Combine(_root, _cpuacct, _group, replicaId, "cpuacct.usage"));

    public long MemoryFailCount(string replicaId) => ReadLong(Path.Combine(_root, "memory", _group, replicaId, "memory.failcnt"));

    /// <summary>PIDs still in any of the replica's groups.</summary>
    public IReadOnlyList<int> Processes(string replicaId)
    {
        var pids = new HashSet<int>();
        foreach (var path in PathsFor(replicaId))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(path, "cgroup.procs")))
                {
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return [.. pids];
    }

    /// <summary>Takes the cpu quota off (cpu.cfs_quota_us = -1), so that throttled tasks get to run and die when killed.</summary>
    public void LiftCpuQuota(string replicaId)
    {
        try
        {
            var quota = Path.Combine(_root, "cpu", _group, replicaId, "cpu.cfs_quota_us");
            if (File.Exists(quota))
            {
                File.WriteAllText(quota, "-1");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Kills every task left in the replica's groups, whatever its process group or session (the cpu quota lifted
    /// first), then removes them; true when every folder is gone.
    /// </summary>
    public bool Remove(string replicaId)
    {
        LiftCpuQuota(replicaId);
        foreach (var pid in Processes(replicaId))
        {
            NativeSignals.Kill(pid, NativeSignals.SigKill);
        }

        var ok = true;
        foreach (var path in PathsFor(replicaId))
        {
            ok &= TryRemoveDirectory(path);
        }

        return ok;
    }

    /// <summary>Removes our top-level group once it is empty (at provider shutdown).</summary>
    public void RemoveGroup()
    {
        foreach (var c in _controllers)
        {
            TryRemoveDirectory(Path.Combine(_root, c, _group));
        }
    }

    private static bool TryRemoveDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                // cgroup folders are removed with rmdir even though they list control files.
                Directory.Delete(path, recursive: false);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Write(string dir, string file, long value) =>
        File.WriteAllText(Path.Combine(dir, file), value.ToString(CultureInfo.InvariantCulture));

    private static void TryWrite(string dir, string file, long value)
    {
        try
        {
            if (File.Exists(Path.Combine(dir, file)))
            {
                Write(dir, file, value);
            }
        }
        catch (IOException)
        {
        }
    }

    private static long ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
