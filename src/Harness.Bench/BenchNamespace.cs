using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Harness.Node.Access;
using Harness.Node.Conntrack;

namespace Harness.Bench;

/// <summary>
/// A network namespace of the bench's own with only its loopback up, for baselines that listen on fixed ports on every
/// interface (OpenFaaS's gateway: 8080 and 8082; of-watchdog's metrics: 8081). Inside it "every interface" is one
/// loopback nobody else can reach, and the fixed ports cannot collide with anything on the machine. Deleted on dispose.
/// </summary>
internal sealed class BenchNamespace : IAsyncDisposable
{
    private readonly NetnsThread _thread;

    private BenchNamespace(string name, NetnsThread thread)
    {
        Name = name;
        _thread = thread;
    }

    public string Name { get; }

    /// <summary>iproute2's ip, where Debian puts it; null when it is missing.</summary>
    public static string? Ip { get; } = new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.FirstOrDefault(File.Exists);

    public static async Task<BenchNamespace> CreateAsync(CancellationToken cancellationToken)
    {
        var name = "harness-bench-" + Guid.NewGuid().ToString("N")[..8];
        await RunIpAsync(cancellationToken, "netns", "add", name).ConfigureAwait(false);
        try
        {
            await RunIpAsync(cancellationToken, "-n", name, "link", "set", "lo", "up").ConfigureAwait(false);
            return new BenchNamespace(name, new NetnsThread(name));
        }
        catch
        {
            await RunIpAsync(CancellationToken.None, "netns", "del", name).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// <paramref name="info"/> started inside the namespace (<c>ip netns exec</c>, which execs the program, so the PID
    /// is the program's), its output discarded by the kernel rather than pumped through this process: the OpenFaaS
    /// originals log every request, and reading that here would take CPU from the processes being measured.
    /// </summary>
    public ProcessStartInfo Wrap(ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = info.WorkingDirectory };
        foreach (var a in new[] { "-c", "exec \"$0\" \"$@\" >/dev/null 2>&1", Ip!, "netns", "exec", Name, info.FileName })
        {
            wrapped.ArgumentList.Add(a);
        }

        foreach (var a in info.ArgumentList)
        {
            wrapped.ArgumentList.Add(a);
        }

        foreach (var (key, value) in info.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return wrapped;
    }

    /// <summary>The arguments that run a command inside the namespace: <c>ip netns exec NAME</c>.</summary>
    public IReadOnlyList<string> ExecPrefix => [Ip!, "netns", "exec", Name];

    /// <summary>Polls GET <paramref name="url"/> (loopback inside the namespace) until it answers 200, or the deadline passes.</summary>
    public async Task<bool> WaitOkAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            // A socket created on the namespace's thread lives in the namespace, whichever thread connects it.
            ConnectCallback = async (context, ct) =>
            {
                var socket = await _thread.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ConfigureAwait(false);
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < timeout)
        {
            try
            {
                using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or its upstream not yet: poll again.
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _thread.Dispose();
        await RunIpAsync(CancellationToken.None, "netns", "del", Name).ConfigureAwait(false);
    }

    private static async Task RunIpAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var ip = Ip ?? throw new InvalidOperationException("iproute2's ip is needed for a network namespace (apt-get install iproute2)");
        // The arguments are ours (fixed words and a hex name), so the shell sees nothing to quote.
        var command = $"{ip} {string.Join(' ', arguments)}";
        await using var node = new LocalNodeAccess();
        var result = await node.RunAsync(command, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({(result.TimedOut ? "timed out" : result.ExitCode)}): {result.StdErr.Trim()}");
        }
    }
}
