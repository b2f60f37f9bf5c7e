using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Bench;

/// <summary>
/// The CPU a new replica of the embedded platform has used so far, from /proc: every live process whose environment
/// carries the replica marker (<c>HARNESS_REPLICA=&lt;function&gt;-…</c>: the sandbox's monitor, the watchdog and the
/// function), summed over their threads' <c>schedstat</c> (nanoseconds; /proc's tick counters are 10 ms coarse).
/// Threads that already ended are not counted, so it is a slight underestimate, alike for every variant.
/// </summary>
internal static class ReplicaStartCpu
{
    private const string Marker = "HARNESS_REPLICA=";

    /// <summary>
    /// (all of the newest replica's processes, the part spent by a host-side monitor) in milliseconds. Replicas that are
    /// still draining after a scale to zero carry the same function's marker, so only the replica whose first process
    /// started last counts.
    /// </summary>
    public static (double Total, double Monitor) Measure(string function)
    {
        var ownPidNamespace = NamespaceOf("self");
        var replicas = new Dictionary<string, List<(long Started, long Cpu, bool Monitor)>>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }

            try
            {
                var marker = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').FirstOrDefault(e => e.StartsWith(Marker + function + "-", StringComparison.Ordinal));
                if (marker is null)
                {
                    continue;
                }

                var ns = NamespaceOf(name);
                var cpu = Directory.EnumerateDirectories(Path.Combine(dir, "task")).Sum(t => Runtime(Path.Combine(t, "schedstat")));
                // The monitor stays in the host's PID namespace and has a child in a namespace of its own.
                var isMonitor = ns == ownPidNamespace && HasChildInOtherNamespace(name, ns);
                if (!replicas.TryGetValue(marker, out var processes))
                {
                    replicas[marker] = processes = [];
                }

                processes.Add((StartTime(name), cpu, isMonitor));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        if (replicas.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var newest = replicas.Values.MaxBy(p => p.Min(x => x.Started))!;
        return (newest.Sum(p => p.Cpu) / 1e6, newest.Where(p => p.Monitor).Sum(p => p.Cpu) / 1e6);
    }

    /// <summary>Start time in clock ticks since boot (field 22 of /proc/PID/stat, after the parenthesised name).</summary>
    private static long StartTime(string pid) =>
        ProcStat.Read("/proc/" + pid)?.StartTicks ?? throw new IOException($"/proc/{pid}/stat is gone or unreadable");

    private static bool HasChildInOtherNamespace(string pid, string? ns)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Any(c => NamespaceOf(c) is { } theirs && theirs != ns);
    }

    private static long Runtime(string schedstat)
    {
        var first = File.ReadAllText(schedstat).Split(' ', 2)[0];
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) ? ns : 0;
    }

    private static string? NamespaceOf(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
