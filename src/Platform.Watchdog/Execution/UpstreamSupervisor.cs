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

    /// <param name="adopt">In a pre-forked replica: where the first upstream comes from instead of a spawn.</param>
    public UpstreamSupervisor(IReadOnlyList<string> argv, Uri upstream, AdoptedUpstream? adopt = null)
    {
        _argv = argv;
        _adopt = adopt;
        var port = upstream.Port == 0 ? FreeLoopbackPort() : upstream.Port;
        Upstream = new UriBuilder(upstream) { Port = port }.Uri;
    }

    /// <summary>The effective upstream (port 0 in upstream_url is replaced by a free port).</summary>
    public Uri Upstream { get; }

    public bool Ready => _ready.Task.IsCompletedSuccessfully;

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
                // posix_spawn with its own session (no extra exec of setsid): this start is on every cold start's path.
                process = adopt?.TryAdopt(AdoptDeadline) ?? ForkedProcess.Start(_argv, env);
                process.Stdin.Dispose();
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
        var endpoint = new DnsEndPoint(Upstream.Host, Upstream.Port);
        while (!process.HasExited && !_stopping.IsCancellationRequested)
        {
            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.ConnectAsync(endpoint, attempt.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _ready.TrySetResult();
                }

                WatchdogLog.Info($"upstream {Upstream} is ready");
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // Not listening yet: the poll interval is short because this is on the cold-start path.
                await DelayAsync(TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
            }
        }
    }

    private static async Task PumpAsync(Stream stream, string prefix)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                WatchdogLog.Info(prefix + " " + line);
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
