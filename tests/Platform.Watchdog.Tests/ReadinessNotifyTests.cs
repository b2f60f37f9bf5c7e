using System.Net.Sockets;
using System.Text;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>sd_notify-style readiness: READY=1 on NOTIFY_SOCKET once /_/health answers 200, and the function never sees the socket.</summary>
public sealed class ReadinessNotifyTests
{
    [Fact]
    public async Task Http_mode_notifies_ready_with_its_pid_once_the_upstream_answers()
    {
        using var dir = new TempDirectory();
        using var listener = Listen(out var address);
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["mode"] = "http",
            ["fprocess"] = UpstreamScript.Write(dir),
            ["upstream_url"] = "http://127.0.0.1:0",
            ["NOTIFY_SOCKET"] = address,
        });

        var message = await ReceiveAsync(listener);

        Assert.Contains("READY=1\n", message, StringComparison.Ordinal);
        Assert.Contains($"MAINPID={wd.Pid}\n", message, StringComparison.Ordinal);
        // Sent only once health is 200; nothing here makes it unhealthy again.
        Assert.Equal(200, await wd.StatusAsync("/_/health"));
    }

    [Fact]
    public async Task The_function_does_not_inherit_the_notify_socket()
    {
        using var listener = Listen(out var address);
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "env",
            ["NOTIFY_SOCKET"] = address,
        });
        Assert.Contains("READY=1\n", await ReceiveAsync(listener), StringComparison.Ordinal);

        using var response = await wd.PostAsync("/", new StringContent(""));
        var env = await response.Content.ReadAsStringAsync();

        Assert.Contains("fprocess=env", env, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTIFY_SOCKET", env, StringComparison.Ordinal);
    }

    private static Socket Listen(out string address)
    {
        var name = "harness-test-notify-" + Guid.NewGuid().ToString("N");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        address = "@" + name;
        return socket;
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}
