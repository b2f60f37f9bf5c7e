using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Harness.Node.Conntrack;

/// <summary>
/// A dedicated thread that has joined a named network namespace (setns). Sockets created on it live in that namespace
/// and keep living there whatever thread later uses them; /proc/sys/net and /proc/thread-self/net read on it show that namespace.
/// </summary>
internal sealed partial class NetnsThread : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NetnsThread(string netns)
    {
        Name = netns;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"netns {netns}" };
        _thread.Start();
        _joined.Task.GetAwaiter().GetResult();
    }

    public string Name { get; }

    /// <summary>Runs <paramref name="work"/> on the namespace thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }

    /// <summary>Joins the calling thread to a named namespace; only for threads the caller owns and discards.</summary>
    public static void Join(string netns)
    {
        using var handle = File.OpenHandle($"/run/netns/{netns}");
        if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new IOException($"setns({netns}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private void Loop()
    {
        try
        {
            Join(Name);
            _joined.SetResult();
        }
        catch (Exception ex)
        {
            _joined.SetException(ex);
            return;
        }

        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
