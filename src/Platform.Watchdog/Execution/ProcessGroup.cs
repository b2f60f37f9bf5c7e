using System.Diagnostics;

namespace Harness.Watchdog.Execution;

/// <summary>Starts function processes in their own process group and kills whole groups.</summary>
internal static class ProcessGroup
{
    /// <summary>Starts <paramref name="argv"/> as the leader of a new session, with stdio redirected as asked.</summary>
    public static Process Start(
        IReadOnlyList<string> argv,
        IEnumerable<KeyValuePair<string, string>>? extraEnvironment,
        bool redirectStdin,
        bool redirectStdout,
        bool redirectStderr)
    {
        var setsid = SetsidLocator.SetsidPath;
        var info = new ProcessStartInfo
        {
            FileName = setsid ?? argv[0],
            UseShellExecute = false,
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = redirectStdout,
            RedirectStandardError = redirectStderr,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(argv[0]);
        }

        for (var i = 1; i < argv.Count; i++)
        {
            info.ArgumentList.Add(argv[i]);
        }

        if (InlineSockets.IsOwnSetting(InlineSockets.Variable))
        {
            info.Environment.Remove(InlineSockets.Variable);
        }

        if (extraEnvironment is not null)
        {
            var env = info.Environment;
            foreach (var (key, value) in extraEnvironment)
            {
                env[key] = value;
            }
        }

        // Listed for the orphan reaper (as PID 1 of a sandbox); .NET reaps it and it is never unlisted: pids are not
        // reused before the namespace has cycled through its pid range, and this fallback is rare.
        lock (Isolation.OrphanReaper.SpawnLock)
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {argv[0]}");
            Isolation.OrphanReaper.Add(process.Id);
            return process;
        }
    }

    /// <summary>
    /// SIGKILLs the process group led by <paramref name="pid"/>. While the leader is alive (not yet reaped) it is also
    /// killed by pid, in case setsid had not run yet; after it was reaped only the group is signalled, so a reused pid
    /// is never hit.
    /// </summary>
    public static void KillTree(int pid, bool leaderAlive)
    {
        if (pid <= 0)
        {
            return;
        }

        _ = NativeMethods.Kill(-pid, NativeMethods.SIGKILL);
        if (leaderAlive)
        {
            _ = NativeMethods.Kill(pid, NativeMethods.SIGKILL);
        }
    }

    /// <summary>Resolves a command the way execvp would: a path with a slash as is, else the first match on PATH.</summary>
    public static string? Resolve(string command)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
