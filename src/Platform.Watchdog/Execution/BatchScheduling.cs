using System.Globalization;
using Harness.Watchdog.Isolation;

namespace Harness.Watchdog.Execution;

/// <summary>
/// Puts the watchdog under SCHED_BATCH (Linux, no privilege needed): the scheduler then lets a running thread finish its
/// slice instead of switching to every thread a send has just woken. In http mode each request wakes the function's
/// server and then the gateway in turn, so with the default policy every send preempted the sender; with it the
/// gateway + watchdog CPU per request fell by about a fifth (docs/performance/chain.md). Linux keeps the policy per
/// thread and a new thread or process inherits its creator's, so every thread that already exists is moved, before the
/// function's process is started; what they start afterwards, the function included, is batch too.
/// </summary>
internal static unsafe class BatchScheduling
{
    private const int SchedBatch = 3;

    /// <summary>Moves every thread of this process; false (and the reason) when one could not be moved.</summary>
    public static (bool Applied, string? Error) Apply()
    {
        // A thread started while the list is read may have inherited the old policy: read it again until a pass moves none.
        for (var pass = 0; pass < 3; pass++)
        {
            var moved = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) || Libc.SchedGetScheduler(tid) == SchedBatch)
                {
                    continue;
                }

                var priority = 0;
                if (Libc.SchedSetScheduler(tid, SchedBatch, &priority) != 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    // ESRCH: the thread ended meanwhile.
                    if (errno != 3)
                    {
                        return (false, $"sched_setscheduler({tid}, SCHED_BATCH) failed: errno {errno}");
                    }
                }

                moved++;
            }

            if (moved == 0)
            {
                return (true, null);
            }
        }

        return (true, null);
    }
}
