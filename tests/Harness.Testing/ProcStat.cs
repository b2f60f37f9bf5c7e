using System.Globalization;

namespace Harness.Testing;

/// <summary>Fields of <c>/proc/PID/stat</c> (proc_pid_stat(5)) that tests assert on.</summary>
public static class ProcStat
{
    /// <summary>The scheduling policy in a stat line (field 41): 0 SCHED_OTHER, 3 SCHED_BATCH.</summary>
    public static int PolicyOf(string stat) =>
        // The fields after the command (which may hold spaces and parentheses) start at field 3.
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38], CultureInfo.InvariantCulture);

    /// <summary>The scheduling policy of a process or thread (<c>/proc/PID</c> or <c>/proc/PID/task/TID</c>).</summary>
    public static int Policy(string procDirectory) => PolicyOf(File.ReadAllText(Path.Combine(procDirectory, "stat")));
}
