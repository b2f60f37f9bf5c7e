using System.Globalization;

namespace Harness.Platform.Procfs;

/// <summary>
/// The fields of one <c>/proc/PID/stat</c> line (proc_pid_stat(5)) that the platform and its benches read: the one
/// parser of that format, linked into the watchdog and the benches. Times are in clock ticks (USER_HZ).
/// </summary>
/// <param name="Parent">Field 4, ppid: 0 for a process whose parent is outside its PID namespace.</param>
/// <param name="UserTicks">Field 14, utime.</param>
/// <param name="SystemTicks">Field 15, stime.</param>
/// <param name="ReapedUserTicks">Field 16, cutime: of the children it has waited for.</param>
/// <param name="ReapedSystemTicks">Field 17, cstime.</param>
/// <param name="StartTicks">Field 22, starttime since boot: with the PID, names a process for as long as it lives.</param>
/// <param name="Policy">Field 41: 0 SCHED_OTHER, 3 SCHED_BATCH.</param>
internal sealed record ProcStat(int Parent, long UserTicks, long SystemTicks, long ReapedUserTicks, long ReapedSystemTicks, long StartTicks, int Policy)
{
    /// <summary>USER_HZ: 100 on every Linux ABI .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>CPU ticks of the process's own threads.</summary>
    public long OwnTicks => UserTicks + SystemTicks;

    /// <summary>CPU ticks of the children it has reaped.</summary>
    public long ReapedTicks => ReapedUserTicks + ReapedSystemTicks;

    /// <summary>CPU ticks of the process and of the children it has reaped: what a process tree has used so far.</summary>
    public long TotalTicks => OwnTicks + ReapedTicks;

    /// <summary>The line of a live process (<c>/proc/PID</c>, <c>/proc/self</c> or <c>/proc/PID/task/TID</c>); null when it is gone or unreadable.</summary>
    public static ProcStat? Read(string procDirectory)
    {
        try
        {
            return Parse(File.ReadAllText(Path.Combine(procDirectory, "stat")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The line of process <paramref name="pid"/>; null when it is gone or unreadable.</summary>
    public static ProcStat? Read(int pid) => Read("/proc/" + pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The fields of a stat line; null when it is not one.</summary>
    public static ProcStat? Parse(string line)
    {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var close = line.LastIndexOf(')');
        if (close < 0 || close + 2 > line.Length)
        {
            return null;
        }

        var f = line[(close + 2)..].Split(' ');
        if (f.Length < 39)
        {
            return null;
        }

        long Field(int i) => long.TryParse(f[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var fields = (Parent: Field(1), User: Field(11), System: Field(12), ReapedUser: Field(13), ReapedSystem: Field(14), Start: Field(19), Policy: Field(38));
        return fields.Parent < 0 || fields.User < 0 || fields.System < 0 || fields.ReapedUser < 0 || fields.ReapedSystem < 0 || fields.Start < 0 || fields.Policy < 0
            ? null
            : new ProcStat((int)fields.Parent, fields.User, fields.System, fields.ReapedUser, fields.ReapedSystem, fields.Start, (int)fields.Policy);
    }
}
