using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Bench;

/// <summary>
/// CPU seconds used by a process and its descendants, from /proc (utime+stime, plus cutime+cstime of reaped children).
/// Requests per CPU-second hardly moves when other work shares the machine, unlike requests per second.
/// </summary>
internal static class ProcessTreeCpu
{
    /// <summary>CPU seconds of <paramref name="rootPid"/>'s descendants, and of the root itself when asked.</summary>
    public static double Seconds(int rootPid, bool includeRoot)
    {
        var stats = ReadAll();
        var total = 0.0;
        var pending = new Stack<int>();
        pending.Push(rootPid);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if ((pid != rootPid || includeRoot) && stats.TryGetValue(pid, out var own))
            {
                total += own.Cpu;
            }

            foreach (var (child, stat) in stats)
            {
                if (stat.Parent == pid)
                {
                    pending.Push(child);
                }
            }
        }

        return total;
    }

    /// <summary>CPU seconds of this process's children that have exited and been waited for (cutime + cstime of /proc/self/stat).</summary>
    public static double ReapedChildrenSeconds() => Self().ReapedTicks / ProcStat.TicksPerSecond;

    /// <summary>CPU seconds this process has used itself (utime + stime of /proc/self/stat; its children not included).</summary>
    public static double SelfSeconds() => Self().OwnTicks / ProcStat.TicksPerSecond;

    /// <summary>CPU seconds of process <paramref name="pid"/> so far (itself and its reaped children), or null when it is gone.</summary>
    public static double? ProcessSeconds(int pid) =>
        ProcStat.Read(pid) is { } stat ? stat.TotalTicks / ProcStat.TicksPerSecond : null;

    private static ProcStat Self() => ProcStat.Read("/proc/self") ?? throw new IOException("/proc/self/stat is unreadable");

    private static Dictionary<int, (int Parent, double Cpu)> ReadAll()
    {
        var result = new Dictionary<int, (int, double)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ProcStat.Read(dir) is { } stat)
            {
                result[pid] = (stat.Parent, stat.TotalTicks / ProcStat.TicksPerSecond);
            }
        }

        return result;
    }
}
