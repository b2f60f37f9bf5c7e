using System.Net;
using System.Net.Sockets;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class UnixSocketTests
{
    [Fact]
    public async Task Unix_socket_serves_the_same_function_as_the_tcp_port()
    {
        using var dir = new TempDirectory();
        var socket = Path.Combine(dir.Path, "watchdog.sock");
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["unix_socket"] = socket });
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);

        using var viaSocket = await client.PostAsync(new Uri("http://replica/"), new StringContent("over the socket"));
        using var viaTcp = await wd.PostAsync("/", new StringContent("over tcp"));

        Assert.Equal(HttpStatusCode.OK, viaSocket.StatusCode);
        Assert.Equal("over the socket", await viaSocket.Content.ReadAsStringAsync());
        Assert.Equal("over tcp", await viaTcp.Content.ReadAsStringAsync());
    }
}
