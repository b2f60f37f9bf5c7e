using System.Globalization;
using System.Runtime.InteropServices;

namespace Harness.Platform.Scheduling;

/// <summary>
/// Moves this process to Linux's SCHED_BATCH policy (no privilege needed) or back: the scheduler then lets a running
/// thread finish its slice instead of switching to every thread a send has just woken. On the invocation chain each
/// request wakes the function's server, the watchdog and the gateway in turn, and with the default policy every send
/// preempted the sender; with the platform's processes batch, gateway + watchdog CPU per request fell by about a fifth
/// and the chain's p99 with it (docs/performance/chain.md). Linux keeps the policy per thread and a new thread or
/// process inherits its creator's, so every thread that exists is moved, before anything is started that should
/// inherit it. Compiled into the NativeAOT watchdog too.
/// </summary>
public static unsafe partial class BatchScheduling
{
    private const int SchedOther = 0;
    private const int SchedBatch = 3;
    private const int NoSuchThread = 3; // ESRCH: the thread ended meanwhile

    /// <summary>Moves every thread of this process to SCHED_BATCH; the error names the thread that could not be moved.</summary>
    public static (bool Applied, string? Error) Apply() => MoveAll(SchedBatch, "SCHED_BATCH");

    /// <summary>Moves every thread of this process back to the default policy (SCHED_OTHER).</summary>
    public static (bool Applied, string? Error) Revert() => MoveAll(SchedOther, "SCHED_OTHER");

    /// <summary>Whether the calling thread runs under SCHED_BATCH (what a process it starts now inherits).</summary>
    public static bool IsBatch() => GetScheduler(0) == SchedBatch;

    private static (bool Applied, string? Error) MoveAll(int policy, string name)
    {
        // A thread started while the list is read may have inherited the old policy: read it again until a pass moves none.
        for (var pass = 0; pass < 3; pass++)
        {
            var moved = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) || GetScheduler(tid) == policy)
                {
                    continue;
                }

                var priority = 0;
                if (SetScheduler(tid, policy, &priority) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != NoSuchThread)
                {
                    return (false, string.Create(CultureInfo.InvariantCulture, $"sched_setscheduler({tid}, {name}) failed: errno {errno}"));
                }

                moved++;
            }

            if (moved == 0)
            {
                break;
            }
        }

        return (true, null);
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, int* param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int GetScheduler(int pid);
}
