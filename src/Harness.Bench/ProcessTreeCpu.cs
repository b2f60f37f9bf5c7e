using System.Globalization;

namespace Harness.Bench;

/// <summary>
/// CPU seconds used by a process and its descendants, from /proc (utime+stime, plus cutime+cstime of reaped children).
/// Requests per CPU-second hardly moves when other work shares the machine, unlike requests per second.
/// </summary>
internal static class ProcessTreeCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on every Linux ABI we run on.

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
    public static double ReapedChildrenSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>CPU seconds this process has used itself (utime + stime of /proc/self/stat; its children not included).</summary>
    public static double SelfSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>CPU seconds of process <paramref name="pid"/> so far (itself and its reaped children), or null when it is gone.</summary>
    public static double? ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<int, (int Parent, double Cpu)> ReadAll()
    {
        var result = new Dictionary<int, (int, double)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based overall.
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                    + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
                result[pid] = (int.Parse(f[1], CultureInfo.InvariantCulture), ticks / TicksPerSecond);
            }
            catch (IOException)
            {
            }
        }

        return result;
    }
}
