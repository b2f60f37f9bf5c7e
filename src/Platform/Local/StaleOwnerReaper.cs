using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// Reaps what a provider that died without stopping (a <c>kill -9</c> of <c>harness run</c> or <c>platform up</c>) left
/// behind, wherever its state folder was: replicas, found by their marker (<see cref="ProcessSweep.MarkerVariable"/>)
/// and the owner every replica inherits (<see cref="OwnerVariable"/>), and the cgroups the dead owner registered.
/// Only owners that are gone are touched, so two live providers on one machine never reap each other.
/// </summary>
internal static class StaleOwnerReaper
{
    /// <summary>Set in every replica's environment (inherited by all it forks): the <see cref="ProcessOwner"/> token of its provider.</summary>
    public const string OwnerVariable = "HARNESS_OWNER";

    private static readonly string[] Controllers = ["memory", "cpu", "pids", "cpuacct"];

    /// <summary>Where providers note the cgroups they own (one file per group: owner token, cgroup root).</summary>
    public static string DefaultRegistry { get; } = Directory.Exists("/run") ? "/run/harness/cgroup-owners" : Path.Combine(Path.GetTempPath(), "harness-cgroup-owners");

    /// <summary>Notes that this process owns <paramref name="group"/> under <paramref name="cgroupRoot"/>; false (and a warning) when it cannot.</summary>
    public static bool Register(string cgroupRoot, string group, ILogger log, string? registry = null)
    {
        var path = Path.Combine(registry ?? DefaultRegistry, group);
        try
        {
            AtomicFile.Write(path, Encoding.UTF8.GetBytes($"{ProcessOwner.Current}\n{cgroupRoot}\n"));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("local provider: cannot note the owner of cgroup {Group} in {Path} ({Reason}): if this process is killed, its cgroups stay behind", group, path, e.Message);
            return false;
        }
    }

    /// <summary>Forgets the group once its folders are gone (a group that could not be removed stays registered for the next reaper).</summary>
    public static void Unregister(string cgroupRoot, string group, string? registry = null)
    {
        if (Controllers.All(c => !Directory.Exists(Path.Combine(cgroupRoot, c, group))))
        {
            TryDelete(Path.Combine(registry ?? DefaultRegistry, group));
        }
    }

    /// <summary>Kills every process and removes every cgroup whose owner is dead; returns how many processes were killed.</summary>
    public static int Reap(ILogger log, string? registry = null)
    {
        var killed = ReapCgroups(log, registry ?? DefaultRegistry);
        killed += ReapProcesses(log);
        return killed;
    }

    private static int ReapCgroups(ILogger log, string registry)
    {
        if (!Directory.Exists(registry))
        {
            return 0;
        }

        var killed = 0;
        foreach (var record in Directory.EnumerateFiles(registry).Where(f => !Path.GetFileName(f).StartsWith(AtomicFile.TempPrefix, StringComparison.Ordinal)))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (lines.Length < 2 || ProcessOwner.IsAlive(lines[0]))
            {
                continue;
            }

            var group = Path.GetFileName(record);
            var root = lines[1];
            var replicas = Controllers
                .Select(c => Path.Combine(root, c, group))
                .Where(Directory.Exists)
                .SelectMany(g => Directory.EnumerateDirectories(g).Select(r => (Group: g, Replica: r)))
                .ToList();
            // A replica throttled by a tiny CPU quota can take seconds to even run its SIGKILL: lift the quota first.
            foreach (var (_, replica) in replicas.Where(r => File.Exists(Path.Combine(r.Replica, "cpu.cfs_quota_us"))))
            {
                TryWrite(Path.Combine(replica, "cpu.cfs_quota_us"), "-1");
            }

            foreach (var (_, replica) in replicas)
            {
                killed += KillAll(replica);
            }

            var left = 0;
            foreach (var (_, replica) in replicas)
            {
                left += RemoveWhenEmpty(replica) ? 0 : 1;
            }

            foreach (var dir in Controllers.Select(c => Path.Combine(root, c, group)).Where(Directory.Exists))
            {
                left += TryRemoveDirectory(dir) ? 0 : 1;
            }

            log.LogWarning("local provider: removed the cgroups of {Group} (its provider {Owner} is gone; {Killed} process(es) killed{Left})",
                group, lines[0], killed, left == 0 ? "" : $", {left} folder(s) could not be removed");
            if (left == 0)
            {
                TryDelete(record);
            }
        }

        return killed;
    }

    private static int ReapProcesses(ILogger log)
    {
        var killed = 0;
        var marker = Encoding.UTF8.GetBytes(ProcessSweep.MarkerVariable + "=");
        var owner = Encoding.UTF8.GetBytes(OwnerVariable + "=");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            byte[] env;
            try
            {
                env = File.ReadAllBytes(Path.Combine(dir, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (Variable(env, marker) is null || Variable(env, owner) is not { } token || ProcessOwner.IsAlive(token))
            {
                continue;
            }

            if (NativeSignals.Kill(pid, NativeSignals.SigKill))
            {
                killed++;
                log.LogWarning("local provider: killed process {Pid} of a replica whose provider {Owner} is gone", pid, token);
            }
        }

        return killed;
    }

    /// <summary>The value of the variable that starts with <paramref name="prefix"/> (NAME=), or null.</summary>
    private static string? Variable(byte[] env, byte[] prefix)
    {
        var start = 0;
        while (start < env.Length)
        {
            var end = Array.IndexOf(env, (byte)0, start);
            if (end < 0)
            {
                end = env.Length;
            }

            var entry = env.AsSpan(start, end - start);
            if (entry.StartsWith(prefix))
            {
                return Encoding.UTF8.GetString(entry[prefix.Length..]);
            }

            start = end + 1;
        }

        return null;
    }

    private static int KillAll(string cgroup)
    {
        var n = 0;
        foreach (var pid in Pids(cgroup))
        {
            n += NativeSignals.Kill(pid, NativeSignals.SigKill) ? 1 : 0;
        }

        return n;
    }

    private static bool RemoveWhenEmpty(string cgroup)
    {
        // A killed process leaves its cgroup once the kernel has reaped it; bounded, it never holds startup for long.
        var deadline = Environment.TickCount64 + 2000;
        while (true)
        {
            if (Pids(cgroup).Count == 0 && TryRemoveDirectory(cgroup))
            {
                return true;
            }

            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            KillAll(cgroup);
            Thread.Sleep(10);
        }
    }

    private static List<int> Pids(string cgroup)
    {
        try
        {
            return [.. File.ReadLines(Path.Combine(cgroup, "cgroup.procs"))
                .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
                .Where(p => p > 0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool TryRemoveDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: false);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
