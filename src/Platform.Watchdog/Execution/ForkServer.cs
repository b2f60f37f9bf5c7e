using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipes;
using System.Text;
using Harness.Watchdog.Config;
using Harness.Watchdog.Isolation;
using Microsoft.Win32.SafeHandles;

namespace Harness.Watchdog.Execution;

/// <summary>
/// Fork mode without an interpreter start per request: a Python process started once (<c>fork_server.py</c>) that has
/// run the script's imports and forks a child per request; the child leads its own session, gets the request's pipes
/// and environment and runs the script as <c>__main__</c>. The watchdog talks to it over a SOCK_SEQPACKET pair; the
/// server reaps its children and reports their exit status. Until it is ready, when it declines the script (an import
/// fails or prints), and for a moment after it died, requests take the exec path, so nothing depends on it.
/// </summary>
internal sealed class ForkServer
{
    /// <summary>The <c>fork_server</c> setting and its default.</summary>
    public const string Setting = "fork_server";

    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(1);
    private static readonly Lazy<string> Source = new(ReadSource);

    private readonly IReadOnlyList<string> _argv;
    private readonly string _script;
    private readonly TimeProvider _time;
    private readonly Lock _sendLock = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<(int Pid, Task<int> Exited)>> _forks = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<int>> _exits = new();
    private int _socket = -1;
    private volatile ForkServerState _state = ForkServerState.Stopped;
    private long _startedAt;
    private long _diedAt;
    private long _nextId;

    private ForkServer(IReadOnlyList<string> argv, string script, TimeProvider time)
    {
        _argv = argv;
        _script = script;
        _time = time;
    }

    /// <summary>Where the server stands, for logs and tests.</summary>
    public ForkServerState State => _state;

    /// <summary>A fork server for <paramref name="config"/>, or null when its fprocess keeps one exec per request.</summary>
    public static ForkServer? Create(WatchdogConfig config, TimeProvider time)
    {
        if (config.Mode == WatchdogMode.Http || config.ForkServer == false)
        {
            return null;
        }

        if (PythonScriptCommand.TryParse(config.Fprocess) is not { } command || !NativeSpawn.Available)
        {
            if (config.ForkServer == true)
            {
                WatchdogLog.Error($"{Setting}=true, but fprocess \"{string.Join(' ', config.Fprocess)}\" is not `python3 [flags] script.py`; one process per request");
            }

            return null;
        }

        return new ForkServer(command.ServerArgv(Source.Value), command.Script, time);
    }

    /// <summary>Starts the server in the background (once the replica is inside its cgroups).</summary>
    public void Start()
    {
        lock (_sendLock)
        {
            if (_state is not (ForkServerState.Stopped or ForkServerState.Dead))
            {
                return;
            }

            _state = ForkServerState.Starting;
        }

        var thread = new Thread(Launch, maxStackSize: 256 * 1024) { IsBackground = true, Name = "fork server" };
        thread.Start();
    }

    /// <summary>
    /// Forks a child for one request, or returns null when the server cannot (then the caller execs fprocess). The
    /// child's pid is its process group; its exit status comes from the server.
    /// </summary>
    public async Task<SpawnedChild?> TryStartAsync(IReadOnlyList<KeyValuePair<string, string>>? environment)
    {
        if (_state != ForkServerState.Ready)
        {
            if (_state == ForkServerState.Dead && _time.GetElapsedTime(Interlocked.Read(ref _diedAt)) > RestartAfter)
            {
                Start();
            }

            return null;
        }

        var stdin = new int[2];
        var stdout = new int[2];
        var stderr = new int[2];
        NativeSpawn.MakePipe(stdin);
        NativeSpawn.MakePipe(stdout);
        NativeSpawn.MakePipe(stderr);
        var id = Interlocked.Increment(ref _nextId);
        var forked = new TaskCompletionSource<(int Pid, Task<int> Exited)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _forks[id] = forked;
        bool sent;
        lock (_sendLock)
        {
            sent = _socket >= 0 && SeqPacket.Send(_socket, Request(id, environment), [stdin[0], stdout[1], stderr[1]]);
        }

        _ = Libc.Close(stdin[0]);
        _ = Libc.Close(stdout[1]);
        _ = Libc.Close(stderr[1]);
        (int Pid, Task<int> Exited)? child = null;
        try
        {
            if (sent)
            {
                child = await forked.Task.ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            WatchdogLog.Error("fork server: " + ex.Message + "; starting this request's process with exec");
        }

        if (child is not { } started)
        {
            _forks.TryRemove(id, out _);
            _ = Libc.Close(stdin[1]);
            _ = Libc.Close(stdout[0]);
            _ = Libc.Close(stderr[0]);
            return null;
        }

        return new SpawnedChild(
            started.Pid,
            new AnonymousPipeClientStream(PipeDirection.Out, new SafePipeHandle(stdin[1], ownsHandle: true)),
            new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout[0], ownsHandle: true)),
            new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr[0], ownsHandle: true)),
            started.Exited);
    }

    private static byte[] Request(long id, IReadOnlyList<KeyValuePair<string, string>>? environment)
    {
        var text = new StringBuilder(256);
        text.Append('F').Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (name, value) in environment ?? [])
        {
            // A NUL would end the variable early in C, as execve would refuse it; both are dropped the same way.
            if (!name.Contains('\0', StringComparison.Ordinal) && !value.Contains('\0', StringComparison.Ordinal))
            {
                text.Append(name).Append('=').Append(value).Append('\0');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string ReadSource()
    {
        using var stream = typeof(ForkServer).Assembly.GetManifestResourceStream("fork_server.py")
            ?? throw new InvalidOperationException("fork_server.py is not embedded in the watchdog");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Launch()
    {
        // Nothing of the function may start outside the replica's cgroups.
        Isolation.IsolationGate.Wait();
        Interlocked.Exchange(ref _startedAt, _time.GetTimestamp());
        var (mine, theirs) = SeqPacket.Pair();
        SpawnedChild server;
        try
        {
            server = NativeSpawn.Start(_argv, null, theirs);
        }
        catch (Exception ex) when (ex is IOException or EntryPointNotFoundException or DllNotFoundException)
        {
            _ = Libc.Close(mine);
            WatchdogLog.Error($"fork server: cannot start {_argv[0]}: {ex.Message}; one process per request");
            _state = ForkServerState.Declined;
            return;
        }
        finally
        {
            _ = Libc.Close(theirs);
        }

        lock (_sendLock)
        {
            _socket = mine;
        }

        _ = LogAsync(server.Stdout);
        _ = LogAsync(server.Stderr);
        ReadLoop(mine, server.Pid);
    }

    private void ReadLoop(int socket, int pid)
    {
        var buffer = new byte[8192];
        int n;
        while ((n = SeqPacket.Receive(socket, buffer)) > 0)
        {
            Handle(buffer.AsSpan(0, n), pid);
        }

        lock (_sendLock)
        {
            _ = Libc.Close(socket);
            _socket = -1;
        }

        if (_state != ForkServerState.Declined)
        {
            WatchdogLog.Error(_state == ForkServerState.Starting
                ? $"fork server (pid {pid}) exited before it was ready; one process per request"
                : $"fork server (pid {pid}) exited; one process per request until it is restarted");
            // One that never got ready will not get ready on a second try either.
            _state = _state == ForkServerState.Starting ? ForkServerState.Declined : ForkServerState.Dead;
            Interlocked.Exchange(ref _diedAt, _time.GetTimestamp());
        }

        foreach (var id in _forks.Keys)
        {
            if (_forks.TryRemove(id, out var fork))
            {
                fork.TrySetException(new IOException("the fork server exited"));
            }
        }

        // Its children were re-parented; their exit status is lost with it.
        foreach (var child in _exits.Keys)
        {
            if (_exits.TryRemove(child, out var exit))
            {
                exit.TrySetResult(-1);
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> message, int serverPid)
    {
        var text = Encoding.UTF8.GetString(message[1..]);
        switch ((char)message[0])
        {
            case 'R':
                _state = ForkServerState.Ready;
                WatchdogLog.Info($"fork server: ready (pid {serverPid}; {_script} imported once in " +
                    $"{_time.GetElapsedTime(Interlocked.Read(ref _startedAt)).TotalMilliseconds:0} ms; every request is a fork of it; {Setting}=false execs per request)");
                break;
            case 'D':
                _state = ForkServerState.Declined;
                WatchdogLog.Info($"fork server: not used: {text}; one process per request");
                break;
            case 'P' when Split(text) is ({ } id, { } pid):
                var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _exits[(int)pid] = exited;
                if (_forks.TryRemove(id, out var fork))
                {
                    fork.TrySetResult(((int)pid, exited.Task));
                }

                break;
            case 'E':
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && long.TryParse(text.AsSpan(0, space), CultureInfo.InvariantCulture, out var failed)
                    && _forks.TryRemove(failed, out var refused))
                {
                    refused.TrySetException(new IOException(text[(space + 1)..]));
                }

                break;
            case 'X' when Split(text) is ({ } child, { } status):
                if (_exits.TryRemove((int)child, out var exit))
                {
                    exit.TrySetResult((int)status);
                }

                break;
            default:
                WatchdogLog.Error("fork server: unexpected message " + text);
                break;
        }
    }

    private static (long?, long?) Split(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0
            && long.TryParse(text.AsSpan(0, space), CultureInfo.InvariantCulture, out var a)
            && long.TryParse(text.AsSpan(space + 1), CultureInfo.InvariantCulture, out var b)
            ? (a, b)
            : (null, null);
    }

    private static async Task LogAsync(Stream output)
    {
        using var reader = new StreamReader(output);
        string? line;
        while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            WatchdogLog.Info("fork server: " + line);
        }
    }
}
