using System.Globalization;
using Harness.Watchdog.Execution;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// Joining cgroup v1 groups is slow (each write to <c>cgroup.procs</c> waits for an RCU grace period, often several ms),
/// and it is on every cold start's path. So the watchdog joins on a thread of its own while it builds and binds its web
/// host, and every function process start waits here first: nothing of the function runs outside its cgroups, and the
/// watchdog is not healthy before it is inside them. A failed join ends the watchdog at once.
/// </summary>
internal static class IsolationGate
{
    private static Task _joined = Task.CompletedTask;

    /// <summary>Completes once every cgroup was joined (at once when there is nothing to join).</summary>
    public static Task Joined => Volatile.Read(ref _joined);

    /// <summary>Starts joining <paramref name="cgroupProcsFiles"/> in the background.</summary>
    public static void StartJoining(IReadOnlyList<string> cgroupProcsFiles)
    {
        if (cgroupProcsFiles.Count == 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _joined, done.Task);
        var thread = new Thread(
            () =>
            {
                var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                foreach (var file in cgroupProcsFiles)
                {
                    try
                    {
                        File.WriteAllText(file, pid);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        Console.Error.WriteLine($"watchdog: isolation: join-cgroup {file}: {ex.Message}; not starting without the isolation asked for");
                        Console.Error.Flush();
                        NativeMethods.Exit(LinuxIsolation.IsolationError);
                    }
                }

                done.SetResult();
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "cgroup join",
        };
        thread.Start();
    }

    /// <summary>
    /// Inside a sandbox (see <see cref="SandboxLauncher"/>) the monitor outside joins the cgroups for this process and
    /// writes one byte on the inherited pipe <paramref name="fdText"/>; end of file without it means the join failed.
    /// </summary>
    public static unsafe void StartWaitingForMonitor(string fdText)
    {
        if (!int.TryParse(fdText, NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
        {
            Console.Error.WriteLine($"watchdog: isolation: {SandboxLauncher.GateVariable}='{fdText}' is not a file descriptor");
            NativeMethods.Exit(LinuxIsolation.IsolationError);
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _joined, done.Task);
        var thread = new Thread(
            () =>
            {
                byte b = 0;
                long n;
                do
                {
                    n = Sys.Call(Sys.Read, fd, (long)&b, 1);
                }
                while (n == -4);

                _ = Sys.Call(Sys.Close, fd);
                if (n != 1 || b != 1)
                {
                    Console.Error.WriteLine("watchdog: isolation: the monitor did not place this replica in its cgroups; not starting without the isolation asked for");
                    Console.Error.Flush();
                    NativeMethods.Exit(LinuxIsolation.IsolationError);
                }

                done.SetResult();
            },
            maxStackSize: 128 * 1024)
        {
            IsBackground = true,
            Name = "cgroup gate",
        };
        thread.Start();
    }

    /// <summary>Blocks until the cgroups are joined (used right before a function process is started).</summary>
    public static void Wait() => Joined.GetAwaiter().GetResult();
}
