using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

/// <summary>The python3-http runtime's own HTTP/1.1 server (http mode), spoken to byte by byte, without a watchdog.</summary>
public sealed class PythonHttpServerTests : IDisposable
{
    private const string Handler = """
        import sys

        def handle(event, context):
            if event.path == "/modules":
                return {"body": "http.server=%s json-before=%s" % ("http.server" in sys.modules, JSON_BEFORE)}
            if event.path == "/inject":
                return {"statusCode": 200, "body": "x", "headers": {"X-A": "a\r\nSet-Cookie: evil=1"}}
            return {"statusCode": 200, "body": event.method + " " + event.path + " " + str(len(event.body))}

        JSON_BEFORE = "json" in sys.modules
        """;

    private readonly TemplateFixture _fx = new();
    private readonly Process _server;
    private readonly int _port;

    public PythonHttpServerTests()
    {
        var dir = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "srv",
            Lang = TemplateCatalog.Python3Http,
            HandlerDirectory = _fx.Handler("srv-src", ("handler.py", Handler)),
            OutputDirectory = Path.Combine(_fx.Root, "srv"),
        }).Directory;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo(PythonInterpreter.Path!, ["server.py"]) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true };
        info.Environment["upstream_port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server = Process.Start(info)!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
    }

    [Fact]
    public async Task Keeps_the_connection_alive_across_requests_and_answers_head_without_a_body()
    {
        using var socket = await ConnectAsync();
        var first = await ExchangeAsync(socket, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", first, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nPOST /a 3", first, StringComparison.Ordinal);

        var head = await ExchangeAsync(socket, "HEAD /b HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 9\r\n", head, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);

        var chunked = await ExchangeAsync(socket, "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5;x=y\r\npedia\r\n0\r\nTrailer: 1\r\n\r\n");
        Assert.EndsWith("\r\n\r\nPUT /c 9", chunked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_expect_100_continue_before_the_body_is_sent()
    {
        using var socket = await ConnectAsync();
        var interim = await ExchangeAsync(socket, "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", interim);
        var final = await ExchangeAsync(socket, "ok");
        Assert.EndsWith("\r\n\r\nPOST /e 2", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closes_after_connection_close_and_after_a_malformed_request()
    {
        using (var socket = await ConnectAsync())
        {
            var answer = await ExchangeAsync(socket, "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Assert.Contains("Connection: close\r\n", answer, StringComparison.Ordinal);
            Assert.Equal(0, await ReadToCloseAsync(socket));
        }

        using (var socket = await ConnectAsync())
        {
            var answer = await ExchangeAsync(socket, "NOT HTTP\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
            Assert.Equal(0, await ReadToCloseAsync(socket));
        }
    }

    [Fact]
    public async Task Starts_without_http_server_and_imports_json_only_when_the_handler_does()
    {
        using var socket = await ConnectAsync();
        var answer = await ExchangeAsync(socket, "GET /modules HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.EndsWith("http.server=False json-before=False", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_with_CR_or_LF_is_refused_with_500_and_never_reaches_the_wire()
    {
        using var socket = await ConnectAsync();
        var answer = await ExchangeAsync(socket, "GET /inject HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 500 Internal Server Error\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("X-A:", answer, StringComparison.Ordinal);

        // The connection is still good for the next request.
        var next = await ExchangeAsync(socket, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz");
        Assert.EndsWith("\r\n\r\nPOST /a 1", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_are_upstreams_and_options_lists_them()
    {
        using var socket = await ConnectAsync();
        var options = await ExchangeAsync(socket, "OPTIONS /a HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", options, StringComparison.Ordinal);
        Assert.Contains("Allow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT\r\n", options, StringComparison.Ordinal);

        var trace = await ExchangeAsync(socket, "TRACE /a HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 405 Method Not Allowed\r\n", trace, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit();
        _server.Dispose();
        _fx.Dispose();
    }

    private async Task<Socket> ConnectAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, _port);
                return socket;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !_server.HasExited)
            {
                socket.Dispose();
                await Task.Delay(10);
            }
        }
    }

    /// <summary>Sends one request and reads one answer (the runtime writes each answer with one send).</summary>
    private static async Task<string> ExchangeAsync(Socket socket, string request)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    private static async Task<int> ReadToCloseAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await socket.ReceiveAsync(new byte[1024], SocketFlags.None, timeout.Token);
    }
}
