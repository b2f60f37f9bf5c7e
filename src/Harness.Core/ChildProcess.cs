using System.Diagnostics;

namespace Harness;

/// <summary>
/// The one place Harness.Core and Harness.Bench start a process: nginx -t, a local agent, a shell command on the local
/// node, etcd, and the benchmarks' tools (wrk, nginx, the watchdogs, python3).
/// Each caller still owns what it starts (pumps, reaps and kills it); routing the start through here keeps every child
/// of the harness visible in one place (BannedSymbols.txt bans <see cref="Process.Start(ProcessStartInfo)"/> elsewhere).
/// </summary>
internal static class ChildProcess
{
    /// <summary><see cref="Process.Start(ProcessStartInfo)"/>: null only when no process was started.</summary>
    public static Process? Start(ProcessStartInfo info)
    {
#pragma warning disable RS0030 // the one process start of Harness.Core
        return Process.Start(info);
#pragma warning restore RS0030
    }
}
