using System.Net;
using System.Text;
using System.Text.Json;

namespace Harness.Platform.Tests.Gateway;

public sealed class UnixSocketInvocationTests
{
    [Fact]
    public async Task A_replica_with_a_unix_socket_is_reached_over_it_with_the_same_request()
    {
        var socket = Path.Combine(Path.GetTempPath(), "harness-uds-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        try
        {
            await using var upstream = await Upstream.StartAsync("a", socket);
            await using var gw = await GatewayFixture.StartAsync();
            // The TCP address is a port nobody listens on: only the socket can answer.
            gw.Provider.Add("echo", [new Uri("http://127.0.0.1:9/")], unixSocket: socket);

            using var response = await gw.Anonymous.PostAsync("/function/echo/some/path?x=1", new StringContent("hello", Encoding.UTF8, "text/plain"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("POST", echo.RootElement.GetProperty("method").GetString());
            Assert.Equal("/some/path", echo.RootElement.GetProperty("path").GetString());
            Assert.Equal("?x=1", echo.RootElement.GetProperty("query").GetString());
            Assert.Equal("hello", echo.RootElement.GetProperty("body").GetString());
            Assert.Equal(1, upstream.Calls);
        }
        finally
        {
            File.Delete(socket);
        }
    }
}
