using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// Receives the watchdogs' sd_notify-style <c>READY=1</c> datagrams on one abstract unix socket per provider (abstract:
/// it stays reachable from inside a replica's private mount namespace and leaves no file behind). A notification only
/// wakes the replica's readiness wait, which then probes <c>/_/health</c> at once: readiness is still a 200 from the
/// watchdog, the datagram just says when to look.
/// </summary>
internal sealed class ReadinessListener : IDisposable
{
    private const int MaxEarly = 256;
    private readonly Socket _socket;
    // Keyed by "id:<replica>" (a sandboxed watchdog is PID 1 of its own namespace and names its replica) and "pid:<pid>".
    private readonly ConcurrentDictionary<string, Replica> _byKey = new(StringComparer.Ordinal);
    // A watchdog may, in theory, be ready before its start returned to us; its key waits here for the replica.
    private readonly ConcurrentDictionary<string, byte> _early = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;

    private ReadinessListener(Socket socket, string address, ILogger log)
    {
        _socket = socket;
        Address = address;
        _log = log;
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The value of <c>NOTIFY_SOCKET</c> for replicas (<c>@</c> marks an abstract name, as in systemd).</summary>
    public string Address { get; }

    /// <summary>A listening socket, or null (with the reason logged) where unix datagram sockets are not available.</summary>
    public static ReadinessListener? TryStart(ILogger log)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var name = "harness-notify-" + Guid.NewGuid().ToString("N");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
            return new ReadinessListener(socket, "@" + name, log);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            log.LogWarning("local provider: replicas' readiness is polled only: cannot bind a notify socket: {Error}", ex.Message);
            return null;
        }
    }

    public void Track(Replica replica)
    {
        foreach (var key in Keys(replica))
        {
            _byKey[key] = replica;
            if (_early.TryRemove(key, out _))
            {
                replica.NotifyReady();
            }
        }
    }

    public void Forget(Replica replica)
    {
        foreach (var key in Keys(replica))
        {
            _byKey.TryRemove(new KeyValuePair<string, Replica>(key, replica));
        }
    }

    private static string[] Keys(Replica replica) => ["id:" + replica.Id, "pid:" + replica.Pid.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The routing key of a datagram: its replica when it names one, else its MAINPID; null when not READY=1.</summary>
    internal static string? ReadyKey(ReadOnlySpan<byte> datagram) => Key(datagram, "READY=1");

    /// <summary>
    /// The routing key of a standby replica's <c>STANDBY=1</c> (its watchdog is up, its pre-forked server in hand, both
    /// waiting to be taken), as <see cref="ReadyKey"/>; null for any other datagram.
    /// </summary>
    internal static string? HeldKey(ReadOnlySpan<byte> datagram) => Key(datagram, "STANDBY=1");

    private static string? Key(ReadOnlySpan<byte> datagram, string state)
    {
        const string Marker = ProcessSweep.MarkerVariable + "=";
        var lines = Encoding.UTF8.GetString(datagram).Split('\n');
        if (!lines.Contains(state))
        {
            return null;
        }

        if (lines.FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal) && l.Length > Marker.Length) is { } named)
        {
            return "id:" + named[Marker.Length..];
        }

        return MainPid(lines) is { } pid ? "pid:" + pid.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The <c>MAINPID=N</c> of a datagram's lines (the last one wins), null when there is none.</summary>
    private static int? MainPid(IEnumerable<string> lines)
    {
        int? pid = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("MAINPID=", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0)
            {
                pid = p;
            }
        }

        return pid;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>Parses <c>READY=1</c> and <c>MAINPID=N</c> lines; anything else is ignored.</summary>
    internal static int? ReadyPid(ReadOnlySpan<byte> datagram)
    {
        var lines = Encoding.ASCII.GetString(datagram).Split('\n');
        return lines.Contains("READY=1") ? MainPid(lines) : null;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1024];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log.LogDebug(ex, "local provider: notify socket receive failed");
                continue;
            }

            if (HeldKey(buffer.AsSpan(0, n)) is { } held)
            {
                // Sent tens of milliseconds after the start at the soonest, so the replica is tracked by then.
                if (_byKey.TryGetValue(held, out var standby))
                {
                    standby.NotifyHeld();
                }

                continue;
            }

            if (ReadyKey(buffer.AsSpan(0, n)) is not { } key)
            {
                continue;
            }

            if (_byKey.TryGetValue(key, out var replica))
            {
                replica.NotifyReady();
            }
            else if (_early.Count < MaxEarly)
            {
                _early[key] = 0;
            }
        }
    }
}
