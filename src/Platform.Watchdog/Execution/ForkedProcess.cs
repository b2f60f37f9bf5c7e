using System.Diagnostics;

namespace Harness.Watchdog.Execution;

/// <summary>
/// One forked function process: started in its own process group, with helpers that always leave nothing behind
/// (the whole group is killed on timeout and swept after a normal exit).
/// </summary>
internal sealed class ForkedProcess : IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private readonly SpawnedChild _child;
    private readonly Process? _process;

    private ForkedProcess(SpawnedChild child, Process? process)
    {
        _child = child;
        _process = process;
    }

    public int Pid => _child.Pid;

    public Stream Stdin => _child.Stdin;

    public Stream Stdout => _child.Stdout;

    public Stream Stderr => _child.Stderr;

    /// <summary>Valid once <see cref="WaitAsync"/> returned: the exit status, or 128 + signal number.</summary>
    public int ExitCode => _child.Exited.Result;

    /// <summary>True once the leader was reaped.</summary>
    public bool HasExited => _child.Exited.IsCompleted;

    private bool Reaped => _child.Exited.IsCompleted;

    /// <summary>A child forked by <paramref name="forkServer"/> when it is ready, else <paramref name="argv"/> started anew.</summary>
    public static async Task<ForkedProcess> StartAsync(
        IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>>? environment, ForkServer? forkServer)
    {
        if (forkServer is not null && await forkServer.TryStartAsync(environment).ConfigureAwait(false) is { } forked)
        {
            return new ForkedProcess(forked, null);
        }

        return Start(argv, environment);
    }

    /// <summary>A process this watchdog did not start (see <see cref="AdoptedUpstream"/>).</summary>
    public static ForkedProcess Adopt(SpawnedChild child) => new(child, null);

    public static ForkedProcess Start(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>>? environment)
    {
        // Nothing of the function may start outside the replica's cgroups.
        Isolation.IsolationGate.Wait();
        if (NativeSpawn.Available)
        {
            try
            {
                return new ForkedProcess(NativeSpawn.Start(argv, environment), null);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                WatchdogLog.Error("posix_spawn is not available (" + ex.Message + "); starting processes through setsid");
                NativeSpawn.MarkUnavailable();
            }
        }

        var process = ProcessGroup.Start(argv, environment, redirectStdin: true, redirectStdout: true, redirectStderr: true);
        var exited = process.WaitForExitAsync().ContinueWith(_ => process.ExitCode, TaskScheduler.Default);
        var child = new SpawnedChild(process.Id, process.StandardInput.BaseStream, process.StandardOutput.BaseStream, process.StandardError.BaseStream, exited);
        return new ForkedProcess(child, process);
    }

    /// <summary>Waits for the leader to exit; on cancellation kills the whole tree and returns false.</summary>
    public async Task<bool> WaitAsync(CancellationToken token)
    {
        try
        {
            await _child.Exited.WaitAsync(token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.KillTree(Pid, leaderAlive: !Reaped);
            await _child.Exited.ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// After the leader exited, kills what is left of its group (background grandchildren would otherwise hold the
    /// output pipes open) and waits for the pipe readers, bounded so a process that escaped the group cannot hang us.
    /// </summary>
    public async Task DrainAsync(params Task[] readers)
    {
        ProcessGroup.KillTree(Pid, leaderAlive: !Reaped);
        var all = Task.WhenAll(readers);
        if (await Task.WhenAny(all, Task.Delay(DrainGrace)).ConfigureAwait(false) != all)
        {
            WatchdogLog.Error($"pid {Pid}: output pipes still open {DrainGrace.TotalSeconds}s after exit; closing them");
            CloseStreams();
        }

        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        if (!Reaped)
        {
            ProcessGroup.KillTree(Pid, leaderAlive: true);
        }

        CloseStreams();
        _process?.Dispose();
    }

    private void CloseStreams()
    {
        foreach (var stream in new[] { _child.Stdin, _child.Stdout, _child.Stderr })
        {
            try
            {
                stream.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Already closed by a pump, or the child closed its end.
            }
        }
    }
}
