using System.Diagnostics;

namespace Harness.Watchdog.Execution;

/// <summary>
/// One forked function process: started in its own process group, with helpers that always leave nothing behind
/// (the whole group is killed on timeout and swept after a normal exit).
/// </summary>
internal sealed class ForkedProcess : IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private readonly Process _process;
    private bool _reaped;

    private ForkedProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
    }

    public int Pid { get; }

    public Stream Stdin => _process.StandardInput.BaseStream;

    public Stream Stdout => _process.StandardOutput.BaseStream;

    public Stream Stderr => _process.StandardError.BaseStream;

    public int ExitCode => _process.ExitCode;

    public static ForkedProcess Start(IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>>? environment) =>
        new(ProcessGroup.Start(argv, environment, redirectStdin: true, redirectStdout: true, redirectStderr: true));

    /// <summary>Waits for the leader to exit; on cancellation kills the whole tree and returns false.</summary>
    public async Task<bool> WaitAsync(CancellationToken token)
    {
        try
        {
            await _process.WaitForExitAsync(token).ConfigureAwait(false);
            _reaped = true;
            return true;
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.KillTree(Pid, leaderAlive: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            _reaped = true;
            return false;
        }
    }

    /// <summary>
    /// After the leader exited, kills what is left of its group (background grandchildren would otherwise hold the
    /// output pipes open) and waits for the pipe readers, bounded so a process that escaped the group cannot hang us.
    /// </summary>
    public async Task DrainAsync(params Task[] readers)
    {
        ProcessGroup.KillTree(Pid, leaderAlive: !_reaped);
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
        if (!_reaped)
        {
            ProcessGroup.KillTree(Pid, leaderAlive: true);
        }

        CloseStreams();
        _process.Dispose();
    }

    private void CloseStreams()
    {
        try
        {
            _process.StandardInput.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Already closed by the stdin pump, or the child closed its end.
        }

        _process.StandardOutput.Dispose();
        _process.StandardError.Dispose();
    }
}
