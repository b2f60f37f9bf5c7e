using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Bench;

/// <summary>
/// One process's counters from /proc: CPU of its own threads, CPU of the children it reaped, and context switches
/// summed over its live threads (voluntary: it blocked; involuntary: it was preempted). A thread that exited takes its
/// switches with it, so per-request figures of a process that starts a thread per request are a lower bound.
/// </summary>
internal sealed record ProcessCosts(double OwnCpuSeconds, double ReapedCpuSeconds, long Voluntary, long Involuntary)
{
    public static readonly ProcessCosts Zero = new(0, 0, 0, 0);

    /// <summary>The counters of <paramref name="pid"/> now, or <see cref="Zero"/> when it is gone.</summary>
    public static ProcessCosts Read(int pid)
    {
        if (ProcStat.Read(pid) is not { } stat)
        {
            return Zero;
        }

        try
        {
            long voluntary = 0, involuntary = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            voluntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                        else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            involuntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread exited while we read.
                }
            }

            return new ProcessCosts(stat.OwnTicks / ProcStat.TicksPerSecond, stat.ReapedTicks / ProcStat.TicksPerSecond, voluntary, involuntary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Zero;
        }
    }

    public static ProcessCosts operator -(ProcessCosts after, ProcessCosts before) => new(
        after.OwnCpuSeconds - before.OwnCpuSeconds,
        after.ReapedCpuSeconds - before.ReapedCpuSeconds,
        after.Voluntary - before.Voluntary,
        after.Involuntary - before.Involuntary);

    /// <summary>These counters (a difference) divided over <paramref name="requests"/>.</summary>
    public PerRequestCost PerRequest(string process, double requests) => new(
        process,
        requests > 0 ? OwnCpuSeconds * 1e6 / requests : 0,
        requests > 0 ? (Voluntary + Involuntary) / requests : 0,
        requests > 0 ? Involuntary / requests : 0);
}
