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

    /// <summary>Blocks until the cgroups are joined (used right before a function process is started).</summary>
    public static void Wait() => Joined.GetAwaiter().GetResult();
}
