using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Platform.Local;

/// <summary>
/// CPU time of a process tree from <c>/proc</c>, for replicas without a cpuacct cgroup: each process's own time plus the
/// time of the children it has reaped (fork-mode calls that already ended), summed over the live tree.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: 100 on every Linux ABI .NET runs on.
    private const long NanosPerTick = 10_000_000;

    /// <summary>Nanoseconds of CPU used by <paramref name="pid"/> and its descendants; null when the process is gone.</summary>
    public static long? TreeNanos(int pid)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(pid);
        long ticks = 0;
        var found = false;
        while (pending.Count > 0 && seen.Count < 4096)
        {
            var p = pending.Pop();
            if (!seen.Add(p) || ReadTicks(p) is not { } t)
            {
                continue;
            }

            found = true;
            ticks += t;
            foreach (var child in Children(p))
            {
                pending.Push(child);
            }
        }

        return found ? ticks * NanosPerTick : null;
    }

    private static long? ReadTicks(int pid) => ProcStat.Read(pid) is { } stat ? stat.TotalTicks : null;

    private static IEnumerable<int> Children(int pid)
    {
        var list = new List<int>();
        try
        {
            // Children are listed per thread that forked them, and the watchdog forks from any thread.
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                    {
                        list.Add(child);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return list;
    }
}
