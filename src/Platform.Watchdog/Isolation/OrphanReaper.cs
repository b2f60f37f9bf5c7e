using System.Runtime.InteropServices;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// As PID 1 of its namespace the watchdog inherits every orphan a function leaves (a daemonised child, a shell's
/// background job), and their zombies count against pids.max. This thread reaps them, like an init, without stealing
/// the exit status of the watchdog's own children: it peeks at a zombie (WNOWAIT) and reaps it only when
/// <see cref="OwnChildren"/> does not list it; a child is listed under <see cref="SpawnLock"/> before that lock is let
/// go, so a peek never sees an own child that is not listed yet.
/// </summary>
internal static unsafe partial class OrphanReaper
{
    private const int PAll = 0;
    private const int WExited = 4;
    private const int WNoWait = 0x01000000;
    private const int WNoHang = 1;
    private const int Eintr = 4;

    private static readonly HashSet<int> Own = [];

    /// <summary>Held while a child is started and listed.</summary>
    public static readonly Lock SpawnLock = new();

    /// <summary>Lists a child the watchdog reaps itself (call under <see cref="SpawnLock"/>).</summary>
    public static void Add(int pid)
    {
        lock (Own)
        {
            Own.Add(pid);
        }
    }

    /// <summary>After the watchdog reaped its own child.</summary>
    public static void Remove(int pid)
    {
        lock (Own)
        {
            Own.Remove(pid);
        }
    }

    public static void Start()
    {
        var thread = new Thread(Loop, maxStackSize: 128 * 1024) { IsBackground = true, Name = "orphan reaper" };
        thread.Start();
    }

    private static void Loop()
    {
        var info = stackalloc byte[128];
        while (true)
        {
            if (WaitId(PAll, 0, info, WExited | WNoWait) < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr)
                {
                    continue;
                }

                // No children at all: look again in a while.
                Thread.Sleep(50);
                continue;
            }

            // siginfo_t: si_signo, si_errno, si_code (ints), then the union, 8-byte aligned, which starts with si_pid.
            var pid = *(int*)(info + 16);
            if (pid <= 0)
            {
                Thread.Sleep(1);
                continue;
            }

            bool own;
            lock (SpawnLock)
            {
                lock (Own)
                {
                    own = Own.Contains(pid);
                }

                if (!own)
                {
                    int status;
                    _ = Libc.WaitPid(pid, &status, WNoHang);
                }
            }

            if (own)
            {
                // Its own reaper thread takes it in a moment.
                Thread.Sleep(1);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static partial int WaitId(int idType, int id, byte* info, int options);
}
