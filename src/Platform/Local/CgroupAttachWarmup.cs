using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Harness.Platform.Local;

/// <summary>
/// Starts the RCU grace period a replica's first cgroup v1 join will wait for, before the replica even exists.
/// </summary>
/// <remarks>
/// Every write to a v1 <c>cgroup.procs</c> or <c>tasks</c> file takes the kernel's global
/// <c>cgroup_threadgroup_rwsem</c> for writing, and the first writer after a quiet spell waits for a whole RCU grace
/// period (measured 5–30 ms on the project's 2-vCPU VM under load); writers that come while one is waiting, or within
/// about one grace period after it, pass at once. A cold start joins its cgroups right after the monitor clones the
/// sandbox, and the function may not start before that join: the grace period sat on the cold-start path. So while the
/// provider spawns the monitor, a short-lived thread of the provider moves itself into the cgroup it is already in
/// (a no-op move, nothing changes for any process) only to take that lock; the replica's own join then finds the grace
/// period under way or just passed (see <see cref="KeepPassed"/>). Nothing depends on it: a failure is ignored, and a join that comes too late only
/// waits as it did before.
/// </remarks>
internal static partial class CgroupAttachWarmup
{
    // Longer than any monitor start seen under load (about 30 ms at load 25 on 2 vCPUs), short enough to stay cheap.
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(250);

    /// <summary>Starts the no-op moves in the background; returns at once.</summary>
    /// <param name="root">Where the v1 hierarchies are mounted (for example <c>/sys/fs/cgroup</c>).</param>
    /// <param name="joinedFile">The <c>cgroup.procs</c> the replica joins last: the moves stop once it lists <paramref name="processes"/>.</param>
    /// <param name="processes">How many joins to wait for: 2 for a pre-forked replica, whose server joins after its watchdog.</param>
    public static void Start(string root, string joinedFile, int processes = 1)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var thread = new Thread(() => _ = KeepPassed(root, joinedFile, processes), maxStackSize: 128 * 1024)
        {
            IsBackground = true,
            Name = "cgroup warm-up",
        };
        thread.Start();
    }

    /// <summary>
    /// One move takes the lock once; the kernel keeps writers fast for only about one grace period after the last one, and
    /// the monitor may take longer than that to clone the sandbox. So the move is repeated, about every millisecond, until
    /// the replica's last join went through (or <see cref="Bound"/> passed: a replica that never starts).
    /// </summary>
    /// <returns>How many moves were made (0: not a cgroup v1 mount, or not allowed).</returns>
    internal static int KeepPassed(string root, string joinedFile, int processes = 1)
    {
        var moves = 0;
        try
        {
            // The pids hierarchy is always there when the provider uses cgroups (see CgroupV1.IsAvailable).
            var own = File.ReadLines("/proc/thread-self/cgroup")
                .Select(l => l.Split(':', 3))
                .FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("pids"));
            if (own is null)
            {
                return 0;
            }

            // Open, never create: under a root that is not a cgroup mount this must leave no file behind. An explicit
            // thread id: writing 0 would skip the lock, and so the point.
            using var tasks = new FileStream(Path.Combine(root, "pids", own[2].TrimStart('/'), "tasks"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            var tid = System.Text.Encoding.ASCII.GetBytes(gettid().ToString(CultureInfo.InvariantCulture));
            var start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < Bound)
            {
                tasks.Position = 0;
                tasks.Write(tid);
                tasks.Flush();
                moves++;
                if (File.ReadAllText(joinedFile).Count(c => c == '\n') >= processes)
                {
                    return moves;
                }

                Thread.Sleep(1);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a head start: the replica's join works without it (and a removed group ends the loop).
        }

        return moves;
    }

    [LibraryImport("libc")]
    private static partial int gettid();
}
