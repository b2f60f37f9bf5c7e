using System.Diagnostics;
using System.Net;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>
/// One run of one replica: a watchdog process (leading its own process group, in its own cgroups when available),
/// from start to exit. A restart is a new <see cref="Replica"/>.
/// </summary>
internal sealed class Replica
{
    private readonly ReplicaLaunch _launch;
    private readonly Action<Replica, string> _onOutput;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _notified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private int _pid;

    public Replica(ReplicaLaunch launch, int port, IPAddress address, Action<Replica, string> onOutput)
    {
        _launch = launch;
        _onOutput = onOutput;
        Port = port;
        Endpoint = new FunctionEndpoint(launch.ReplicaId, new Uri($"http://{address}:{port}/")) { UnixSocket = launch.UnixSocket };
    }

    public string Id => _launch.ReplicaId;

    /// <summary>How the replica was asked to isolate itself.</summary>
    public ReplicaLaunch Launch => _launch;

    public int Port { get; }

    public FunctionEndpoint Endpoint { get; }

    public volatile ReplicaState State;

    /// <summary>The watchdog's PID, which also names its process group.</summary>
    public int Pid => _pid;

    /// <summary>Completes with the exit code (.NET reports death by signal N as 128 + N).</summary>
    public Task<int> Exited => _exited.Task;

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When an OOM kill inside this replica was last noticed while it ran.</summary>
    public DateTimeOffset? LastOomSeenAt { get; set; }

    public void Start(DateTimeOffset now)
    {
        var process = new Process { StartInfo = _launch.ToStartInfo(), EnableRaisingEvents = true };
        // Exited fires when the child is reaped; unlike WaitForExitAsync it does not wait for the output pipes to close,
        // which a grandchild in another session could keep open for ever.
        process.Exited += (_, _) => _exited.TrySetResult(SafeExitCode(process));
#pragma warning disable RS0030 // Replica is the one owner of a replica's process: it starts, pumps, reaps and kills it
        process.Start();
#pragma warning restore RS0030
        _process = process;
        _pid = process.Id;
        StartedAt = now;
        // stdin stays open until the process is disposed: a sandbox's monitor ends its replica when it reads end of file
        // (see ReplicaLaunch.OwnerPipeVariable), so a provider killed outright leaves no replica serving.
        if (_launch.Sandbox is null)
        {
            process.StandardInput.Close();
        }
        _ = PumpAsync(process.StandardOutput);
        _ = PumpAsync(process.StandardError);
    }

    /// <summary>
    /// Takes a standby replica into service: one byte on its stdin (the owner pipe), on which its monitor lets the
    /// held server and watchdog go on (see <see cref="PreforkLaunch.Hold"/>). False when the replica is already gone.
    /// </summary>
    public bool Release()
    {
        try
        {
            var stdin = _process?.StandardInput.BaseStream;
            if (stdin is null)
            {
                return false;
            }

            stdin.WriteByte((byte)'g');
            stdin.Flush();
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A standby's watchdog said it is up with its pre-forked server in hand, both waiting (<c>STANDBY=1</c>).</summary>
    public void NotifyHeld() => _held.TrySetResult();

    /// <summary>Completes when a standby replica is fully prepared (see <see cref="NotifyHeld"/>).</summary>
    public Task Held => _held.Task;

    /// <summary>The watchdog said it is ready (sd_notify style): the readiness wait probes at once instead of at its next tick.</summary>
    public void NotifyReady() => Volatile.Read(ref _notified).TrySetResult();

    /// <summary>
    /// Probes <c>/_/health</c> until it answers 200 (true), or the process exits, or the deadline passes (false); between
    /// probes it waits for <paramref name="pollInterval"/> or a readiness notification, whichever comes first.
    /// </summary>
    public async Task<bool> WaitReadyAsync(HttpClient http, TimeSpan pollInterval, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var health = new Uri(Endpoint.Address, "_/health");
        var start = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested && !Exited.IsCompleted)
        {
            // Taken before the probe: a notification that arrives during a failed probe still ends the next wait at once.
            var notified = NextNotification();
            try
            {
                using var response = await http.GetAsync(health, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; the deadline below decides.
            }

            catch (OperationCanceledException)
            {
                return false;
            }

            if (time.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await Task.WhenAny(Exited, notified, Task.Delay(pollInterval, time, cancellationToken)).ConfigureAwait(false);
        }

        return false;
    }

    private Task NextNotification()
    {
        var current = Volatile.Read(ref _notified);
        if (current.Task.IsCompleted)
        {
            // Consumed by the probe that is about to run.
            Interlocked.CompareExchange(ref _notified, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }

        return Volatile.Read(ref _notified).Task;
    }

    /// <summary>One <c>/_/health</c> probe: true on 200.</summary>
    public async Task<bool> ProbeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Endpoint.Address, "_/health"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to the watchdog (it drains and stops its function), SIGKILL to the whole group after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace, TimeProvider time)
    {
        State = ReplicaState.Stopping;
        if (!Exited.IsCompleted && _pid > 0)
        {
            NativeSignals.Kill(_pid, NativeSignals.SigTerm);
            using var cts = new CancellationTokenSource(grace, time);
            try
            {
                await Exited.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillGroup();
                await Exited.ConfigureAwait(false);
            }
        }

        KillGroup();
    }

    /// <summary>Kills what is left of the replica's process group (the leader included while it is unreaped).</summary>
    public void KillGroup()
    {
        if (_pid > 0)
        {
            NativeSignals.Kill(-_pid, NativeSignals.SigKill);
            if (!Exited.IsCompleted)
            {
                NativeSignals.Kill(_pid, NativeSignals.SigKill);
            }
        }
    }

    public void DisposeProcess() => _process?.Dispose();

    private async Task PumpAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _onOutput(this, line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
