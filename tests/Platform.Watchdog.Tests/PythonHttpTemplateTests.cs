using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>The python3-http template's long-lived server behind a real watchdog in http mode.</summary>
public sealed class PythonHttpTemplateTests
{
    private const string Handler = """
        def handle(event, context):
            if event.path == "/bytes":
                # As in Flask: a bytes body goes out as is from a (body, status, headers) tuple.
                return (bytes(reversed(event.body)), 200, {"Content-Type": "application/octet-stream"})
            return {"body": {"length": len(event.body), "method": event.method, "query": event.query.to_dict(), "path": event.path}}
        """;

    private static async Task<(WatchdogProcess Watchdog, TempDirectory Dir)> StartAsync(params (string Key, string Value)[] extra)
    {
        var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "handler.py"), Handler);
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "echo-http",
            Lang = TemplateCatalog.Python3Http,
            HandlerDirectory = source,
            OutputDirectory = Path.Combine(dir.Path, "fn"),
        });
        var env = new Dictionary<string, string>(artifact.Environment);
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        var wd = await WatchdogProcess.StartAsync(env, artifact.Directory);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/ready") == 200, TimeSpan.FromSeconds(15), "the function to be ready");
        return (wd, dir);
    }

    [Fact]
    public async Task Chunked_and_binary_bodies_reach_the_handler_intact()
    {
        var (wd, dir) = await StartAsync();
        using var _ = dir;
        await using var __ = wd;

        using var chunked = new StreamContent(new MemoryStream(new byte[100_000]));
        using var request = new HttpRequestMessage(HttpMethod.Put, wd.Url("/orders?id=9")) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var response = await wd.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(100_000, json.RootElement.GetProperty("length").GetInt32());
            Assert.Equal("PUT", json.RootElement.GetProperty("method").GetString());
            Assert.Equal("9", json.RootElement.GetProperty("query").GetProperty("id").GetString());
            Assert.Equal("/orders", json.RootElement.GetProperty("path").GetString());
        }

        var binary = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();
        using (var response = await wd.PostAsync("/bytes", new ByteArrayContent(binary)))
        {
            var reversed = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(binary.Reverse(), reversed);
        }
    }

    [Fact]
    public async Task The_official_fprocess_index_py_serves_in_http_mode_too()
    {
        // faas-cli sends upstream's `python index.py`; a provider that runs it as is (Kubernetes) must get a server.
        var (wd, dir) = await StartAsync(("fprocess", PythonInterpreter.Path + " index.py"));
        using var _ = dir;
        await using var __ = wd;

        using var response = await wd.PostAsync("/bytes", new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 3, 2, 1 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_server_exits_when_its_watchdog_is_killed()
    {
        var (wd, dir) = await StartAsync();
        using var _ = dir;
        await using var __ = wd;
        var server = ProcFs.Children(wd.Pid).Single();

        wd.Signal(Signals.SIGKILL);

        await Poll.UntilAsync(() => !ProcFs.IsAlive(server), TimeSpan.FromSeconds(10), "the orphaned server to exit");
    }

    [Fact]
    public async Task Metrics_port_serves_metrics_on_a_second_listener()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["metrics_port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var metrics = await wd.Client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        Assert.Contains("# TYPE http_requests_in_flight gauge", metrics, StringComparison.Ordinal);
    }
}
