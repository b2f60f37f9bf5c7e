using System.Globalization;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Harness.Platform.Procfs;
using Harness.Watchdog.Isolation;
using Microsoft.Win32.SafeHandles;

namespace Harness.Watchdog.Execution;

/// <summary>
/// http mode in a pre-forked replica: the first upstream is not spawned but adopted. The function's zygote forked it
/// into this sandbox (see <see cref="PreforkRequest"/>) already holding the template's runtime; it is the one process of
/// this PID namespace whose parent is outside it, its output arrives on the two pipes inherited from the monitor, and
/// its exit is seen through a pidfd (its parent, and so its exit status, is the zygote's). When nothing arrives (the
/// zygote failed, and the monitor closed the pipes), the watchdog starts its fprocess as usual.
/// </summary>
internal sealed unsafe partial class AdoptedUpstream
{
    private const int PollIn = 1;
    private const int PollHup = 0x10;
    private const int Eintr = 4;
    private readonly int _stdout;
    private readonly int _stderr;

    private AdoptedUpstream(int stdout, int stderr, Task released)
    {
        _stdout = stdout;
        _stderr = stderr;
        Released = released;
    }

    /// <summary>
    /// Completes when the replica may go on: at once, or for a standby replica when the provider takes it (end of file
    /// on the go pipe, see <see cref="PreforkRequest"/>). Until then nothing is probed or spawned.
    /// </summary>
    public Task Released { get; }

    /// <summary>Reads and removes the inherited pipes' numbers (no function process may inherit them); null when none.</summary>
    public static AdoptedUpstream? TakeFromEnvironment()
    {
        var stdout = Environment.GetEnvironmentVariable(PreforkRequest.StdoutVariable);
        var stderr = Environment.GetEnvironmentVariable(PreforkRequest.StderrVariable);
        var go = Environment.GetEnvironmentVariable(PreforkRequest.GoVariable);
        Environment.SetEnvironmentVariable(PreforkRequest.StdoutVariable, null);
        Environment.SetEnvironmentVariable(PreforkRequest.StderrVariable, null);
        Environment.SetEnvironmentVariable(PreforkRequest.GoVariable, null);
        var released = Task.CompletedTask;
        if (int.TryParse(go, NumberStyles.None, CultureInfo.InvariantCulture, out var g))
        {
            _ = Libc.Fcntl(g, 2, 1);
            released = WaitForEndOfFile(g, "standby release");
        }

        if (!int.TryParse(stdout, NumberStyles.None, CultureInfo.InvariantCulture, out var o)
            || !int.TryParse(stderr, NumberStyles.None, CultureInfo.InvariantCulture, out var e))
        {
            return null;
        }

        _ = Libc.Fcntl(o, 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
        _ = Libc.Fcntl(e, 2, 1);
        return new AdoptedUpstream(o, e, released);
    }

    /// <summary>
    /// Waits (at most <paramref name="deadline"/>) for the zygote's server; null when none came, and then the pipes are
    /// closed and the caller spawns the upstream itself.
    /// </summary>
    public ForkedProcess? TryAdopt(TimeSpan deadline)
    {
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        var poll = stackalloc int[2];
        while (true)
        {
            if (FindServer() is { } pid && PidfdOpen(pid, 0) is var pidfd and >= 0)
            {
                var exited = WatchExit(pidfd);
                var child = new SpawnedChild(pid, Stream.Null, Open(_stdout), Open(_stderr), exited);
                WatchdogLog.Info($"adopted upstream process {pid} from the function's pre-fork zygote");
                return ForkedProcess.Adopt(child);
            }

            var left = until - Environment.TickCount64;
            if (left <= 0)
            {
                WatchdogLog.Error($"no server from the pre-fork zygote within {deadline.TotalMilliseconds}ms; starting the function");
                break;
            }

            // The zygote's server holds the pipes' write ends; when the monitor let its own go without one, they hang up.
            poll[0] = _stdout;
            poll[1] = PollIn;
            if (Libc.Poll(poll, 1, (int)Math.Min(left, 1)) > 0 && ((poll[1] >> 16) & PollHup) != 0 && FindServer() is null)
            {
                WatchdogLog.Info("the pre-fork zygote sent no server; starting the function");
                break;
            }
        }

        // A server that started and died says why on its pipes: log it, then let them go.
        LogLeftovers(_stdout, "stdout:");
        LogLeftovers(_stderr, "stderr:");
        _ = Libc.Close(_stdout);
        _ = Libc.Close(_stderr);
        return null;
    }

    private static void LogLeftovers(int fd, string prefix)
    {
        _ = Libc.Fcntl(fd, 4 /* F_SETFL */, 0x800 /* O_NONBLOCK */);
        var buffer = stackalloc byte[4096];
        var text = new System.Text.StringBuilder();
        long n;
        while (text.Length < 65536 && (n = Sys.Call(Sys.Read, fd, (long)buffer, 4096)) > 0)
        {
            text.Append(System.Text.Encoding.UTF8.GetString(buffer, (int)n));
        }

        foreach (var line in text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            WatchdogLog.Info(prefix + " " + line);
        }
    }

    /// <summary>The process of this PID namespace whose parent is outside it (its parent pid reads 0), other than PID 1.</summary>
    private static int? FindServer()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            // Null when it is gone while we looked.
            if (ProcStat.Read(dir)?.Parent == 0)
            {
                return pid;
            }
        }

        return null;
    }

    private static AnonymousPipeClientStream Open(int fd) => new(PipeDirection.In, new SafePipeHandle(fd, ownsHandle: true));

    /// <summary>Completes when the process is gone; the status is the zygote's to reap, so it reads -1 here.</summary>
    private static Task<int> WatchExit(int pidfd) =>
        WaitForEndOfFile(pidfd, "adopted upstream").ContinueWith(_ => -1, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Completes when <paramref name="fd"/> (a pidfd, or a pipe's read end whose writers are all gone) polls readable
    /// for good, then closes it. A pipe nobody writes to is readable only at its end; a stray byte is read and skipped.
    /// </summary>
    private static Task WaitForEndOfFile(int fd, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                var poll = stackalloc int[2];
                var one = stackalloc byte[1];
                while (true)
                {
                    poll[0] = fd;
                    poll[1] = PollIn;
                    if (Libc.Poll(poll, 1, -1) < 0 && Marshal.GetLastPInvokeError() == Eintr)
                    {
                        continue;
                    }

                    // A pidfd is readable once its process is gone (and read fails); a pipe reads 0 at its end.
                    if ((poll[1] >> 16 & PollIn) == 0 || Sys.Call(Sys.Read, fd, (long)one, 1) <= 0)
                    {
                        break;
                    }
                }

                _ = Libc.Close(fd);
                done.TrySetResult();
            },
            maxStackSize: 64 * 1024)
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    private static int PidfdOpen(int pid, int flags) => (int)Sys.Call(434, pid, flags);
}
