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
    private readonly ConcurrentDictionary<int, Replica> _byPid = new();
    // A watchdog may, in theory, be ready before its start returned to us; its pid waits here for the replica.
    private readonly ConcurrentDictionary<int, byte> _early = new();
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
        _byPid[replica.Pid] = replica;
        if (_early.TryRemove(replica.Pid, out _))
        {
            replica.NotifyReady();
        }
    }

    public void Forget(Replica replica) => _byPid.TryRemove(new KeyValuePair<int, Replica>(replica.Pid, replica));

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>Parses <c>READY=1</c> and <c>MAINPID=N</c> lines; anything else is ignored.</summary>
    internal static int? ReadyPid(ReadOnlySpan<byte> datagram)
    {
        var ready = false;
        int? pid = null;
        foreach (var line in Encoding.ASCII.GetString(datagram).Split('\n'))
        {
            if (line == "READY=1")
            {
                ready = true;
            }
            else if (line.StartsWith("MAINPID=", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0)
            {
                pid = p;
            }
        }

        return ready ? pid : null;
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

            if (ReadyPid(buffer.AsSpan(0, n)) is not { } pid)
            {
                continue;
            }

            if (_byPid.TryGetValue(pid, out var replica))
            {
                replica.NotifyReady();
            }
            else if (_early.Count < MaxEarly)
            {
                _early[pid] = 0;
            }
        }
    }
}
