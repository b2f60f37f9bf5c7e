using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Watchdog.Execution;

/// <summary>
/// http mode: keeps one long-lived function process running. It is started once, reported ready when its upstream
/// port accepts connections, and restarted with backoff if it dies (health is 503 meanwhile).
/// </summary>
internal sealed class UpstreamSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    // The zygote's fork takes about a millisecond; a second means it is not coming.
    private static readonly TimeSpan AdoptDeadline = TimeSpan.FromSeconds(1);
    private readonly IReadOnlyList<string> _argv;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ForkedProcess? _current;
    private Task? _loop;
    private AdoptedUpstream? _adopt;
    private readonly Task _released;
    private readonly TaskCompletionSource<bool> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Completed (and replaced) at every line the function prints: the readiness probe retries at once then.
    private TaskCompletionSource _output = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="adopt">In a pre-forked replica: where the first upstream comes from instead of a spawn.</param>
    public UpstreamSupervisor(IReadOnlyList<string> argv, Uri upstream, AdoptedUpstream? adopt = null)
    {
        _argv = argv;
        _adopt = adopt;
        _released = adopt?.Released ?? Task.CompletedTask;
        var port = upstream.Port == 0 ? FreeLoopbackPort() : upstream.Port;
        Upstream = new UriBuilder(upstream) { Port = port }.Uri;
    }

    /// <summary>The effective upstream (port 0 in upstream_url is replaced by a free port).</summary>
    public Uri Upstream { get; }

    public bool Ready => _ready.Task.IsCompletedSuccessfully;

    /// <summary>
    /// True once a standby replica's adopted server is in hand and waits for the release; false when this replica is
    /// no standby (or was released before its server came).
    /// </summary>
    public Task<bool> Held => _held.Task;

    public int Restarts { get; private set; }

    public int? CurrentPid
    {
        get
        {
            lock (_gate)
            {
                return _current?.Pid;
            }
        }
    }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Waits until the upstream accepts connections; false when <paramref name="token"/> fires first.</summary>
    public async Task<bool> WaitReadyAsync(CancellationToken token)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        if (ready.IsCompletedSuccessfully)
        {
            return true;
        }

        try
        {
            await ready.WaitAsync(token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_current is { } p)
            {
                ProcessGroup.KillTree(p.Pid, leaderAlive: !p.HasExited);
            }
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var env = new[]
        {
            new KeyValuePair<string, string>("upstream_url", Upstream.ToString().TrimEnd('/')),
            new KeyValuePair<string, string>("upstream_port", Upstream.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        while (!_stopping.IsCancellationRequested)
        {
            ForkedProcess process;
            try
            {
                var adopt = _adopt;
                _adopt = null;
                var adopted = adopt?.TryAdopt(AdoptDeadline);
                _held.TrySetResult(adopted is not null && !_released.IsCompleted);
                if (adopted is null && !_released.IsCompleted)
                {
                    // A standby replica runs none of the function's code before the provider takes it.
                    await _released.WaitAsync(_stopping.Token).ConfigureAwait(false);
                }

                // posix_spawn with its own session (no extra exec of setsid): this start is on every cold start's path.
                process = adopted ?? ForkedProcess.Start(_argv, env);
                process.Stdin.Dispose();
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                WatchdogLog.Error($"could not start {_argv[0]}: {ex.Message}");
                await DelayAsync(backoff).ConfigureAwait(false);
                continue;
            }

            lock (_gate)
            {
                _current = process;
            }

            WatchdogLog.Info($"started upstream process {process.Pid} for {Upstream}");
            var startedAt = Stopwatch.GetTimestamp();
            var probe = ProbeUntilReadyAsync(process);
            var pumps = Task.WhenAll(PumpAsync(process.Stdout, "stdout:"), PumpAsync(process.Stderr, "stderr:"));
            await process.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            await process.DrainAsync(pumps).ConfigureAwait(false);
            await probe.ConfigureAwait(false);

            lock (_gate)
            {
                _current = null;
                if (_ready.Task.IsCompleted)
                {
                    _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            var code = process.ExitCode;
            process.Dispose();
            if (_stopping.IsCancellationRequested)
            {
                break;
            }

            Restarts++;
            // A child that ran for a while gets restarted quickly; one that keeps crashing backs off.
            backoff = Stopwatch.GetElapsedTime(startedAt) > TimeSpan.FromSeconds(10)
                ? TimeSpan.FromMilliseconds(100)
                : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            WatchdogLog.Error((code < 0 ? "upstream process exited (adopted from the pre-fork zygote, which holds its status)" : $"upstream process exited with status {code}") + $"; restarting in {backoff.TotalMilliseconds}ms");
            await DelayAsync(backoff).ConfigureAwait(false);
        }
    }

    private async Task ProbeUntilReadyAsync(ForkedProcess process)
    {
        // A standby's adopted server waits for the same release before it binds: probing earlier would only spin.
        await Task.WhenAny(_released, process.WaitAsync(CancellationToken.None)).ConfigureAwait(false);
        EndPoint? endpoint = null;
        while (!process.HasExited && !_stopping.IsCancellationRequested)
        {
            // The output seen before the attempt: a line printed during it (servers say when they listen) ends the wait at once.
            var output = Volatile.Read(ref _output).Task;
            endpoint ??= await ResolveAsync().ConfigureAwait(false);
            if (endpoint is not null && await TryConnectAsync(endpoint).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    _ready.TrySetResult();
                }

                WatchdogLog.Info($"upstream {Upstream} is ready");
                return;
            }

            // Not listening yet: the poll interval is short because this is on the cold-start path.
            await Task.WhenAny(output, DelayAsync(TimeSpan.FromMilliseconds(1))).ConfigureAwait(false);
        }
    }

    /// <summary>The upstream's address (an IP literal as is, a name resolved once); null while it does not resolve.</summary>
    private async Task<EndPoint?> ResolveAsync()
    {
        if (IPAddress.TryParse(Upstream.Host, out var ip))
        {
            return new IPEndPoint(ip, Upstream.Port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(Upstream.Host, _stopping.Token).ConfigureAwait(false);
            return addresses.Length == 0 ? null : new IPEndPoint(addresses[0], Upstream.Port);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// One connect attempt, true when it was accepted. No exception on a refusal (the usual answer while the function
    /// starts, and a thrown exception costs more than the connect itself); an attempt gives up after a second.
    /// </summary>
    private static async Task<bool> TryConnectAsync(EndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var args = new SocketAsyncEventArgs { RemoteEndPoint = endpoint };
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        args.Completed += (_, e) => done.TrySetResult(e.SocketError == SocketError.Success);
        if (!socket.ConnectAsync(args))
        {
            return args.SocketError == SocketError.Success;
        }

        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Closing the socket aborts the attempt; its completion still runs, before args is disposed.
            socket.Dispose();
            await done.Task.ConfigureAwait(false);
            return false;
        }
    }

    private async Task PumpAsync(Stream stream, string prefix)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                WatchdogLog.Info(prefix + " " + line);
                if (!Ready)
                {
                    // Only the readiness probe waits for it: a function that logs every request pays nothing once ready.
                    Interlocked.Exchange(ref _output, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
        catch (IOException)
        {
        }
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
