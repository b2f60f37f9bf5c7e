namespace Harness.Platform.Local;

/// <summary>Names why a replica's process ended, the way <c>kubectl describe</c> would: <c>OOMKilled</c>, <c>Exited(1)</c>, <c>Signaled(SIGKILL)</c>.</summary>
internal static class ExitReason
{
    public const string OomKilled = "OOMKilled";

    /// <param name="exitCode">.NET reports a death by signal N as 128 + N.</param>
    /// <param name="oomKills">New OOM kills counted in the replica's memory cgroup; negative when the kernel does not count them.</param>
    /// <param name="memoryLimited">Whether a memory limit applied: without a counter, a SIGKILL under a limit is most likely the OOM killer.</param>
    public static string Describe(int exitCode, long oomKills, bool memoryLimited)
    {
        if (oomKills > 0 || (oomKills < 0 && memoryLimited && exitCode == 128 + NativeSignals.SigKill))
        {
            return OomKilled;
        }

        return exitCode > 128 && exitCode < 128 + 65 ? $"Signaled({SignalName(exitCode - 128)})" : $"Exited({exitCode})";
    }

    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
