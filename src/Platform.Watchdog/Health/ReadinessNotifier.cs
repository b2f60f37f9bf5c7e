using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Harness.Watchdog.Health;

/// <summary>
/// The sd_notify pattern: when <c>NOTIFY_SOCKET</c> names a unix datagram socket, the watchdog sends
/// <c>READY=1</c> and <c>MAINPID=</c> there once <c>/_/health</c> would answer 200, so a supervisor needs no tight
/// polling to learn that a replica is ready. An abstract socket is named with a leading <c>@</c>, as systemd does.
/// </summary>
internal sealed class ReadinessNotifier
{
    public const string Variable = "NOTIFY_SOCKET";

    private readonly string _address;

    private ReadinessNotifier(string address) => _address = address;

    /// <summary>
    /// Reads the socket from the environment and removes it there, so the function process does not inherit it
    /// (a function that speaks sd_notify itself must not be mistaken for the watchdog).
    /// </summary>
    public static ReadinessNotifier? TakeFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, null);
        return string.IsNullOrEmpty(value) ? null : new ReadinessNotifier(value);
    }

    /// <summary>Waits until the replica is healthy, then notifies once; failures are logged, never fatal (the supervisor also polls).</summary>
    public async Task NotifyWhenReadyAsync(HealthState health, Func<CancellationToken, Task<bool>>? upstreamReady, CancellationToken cancellationToken)
    {
        if (upstreamReady is not null && !await upstreamReady(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (!health.IsHealthy)
        {
            return;
        }

        await SendAsync("READY=1", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a standby replica: once its server is in hand and both wait for the provider (<paramref name="held"/> true),
    /// says <c>STANDBY=1</c>, so the provider knows the standby is fully prepared.
    /// </summary>
    public async Task NotifyHeldAsync(Task<bool> held, CancellationToken cancellationToken)
    {
        try
        {
            if (!await held.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await SendAsync("STANDBY=1", cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string state, CancellationToken cancellationToken)
    {
        try
        {
            var name = _address.StartsWith('@') ? "\0" + _address[1..] : _address;
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            // In a sandbox the watchdog is PID 1 of its own namespace: the replica marker names it to the supervisor.
            var replica = Environment.GetEnvironmentVariable("HARNESS_REPLICA") is { Length: > 0 } r ? $"HARNESS_REPLICA={r}\n" : "";
            var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{state}\nMAINPID={Environment.ProcessId}\n{replica}"));
            await socket.SendToAsync(message, SocketFlags.None, new UnixDomainSocketEndPoint(name), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping before it was ready: nothing to announce.
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or IOException)
        {
            WatchdogLog.Error($"{Variable}: cannot notify {_address}: {ex.Message}");
        }
    }
}
