using System.Diagnostics;
using System.Text;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

/// <summary>The Python runtime's result mapping, run in fork mode exactly as the watchdog runs it (stdin, Http_* env, CGI head on stdout).</summary>
public sealed class PythonRuntimeTests : IDisposable
{
    private const string HttpHandler = """
        import json

        def handle(event, context):
            p = event.path
            if p == "/status-dict":
                return {"statusCode": 201, "body": {"id": 7}, "headers": {"X-Fn": "yes"}}
            if p == "/status-str":
                return {"statusCode": 418, "body": "teapot", "headers": {"Content-Type": "text/x-tea"}}
            if p == "/dict":
                return {"a": 1}
            if p == "/str":
                return "plain"
            if p == "/none":
                return None
            if p == "/raise":
                raise ValueError("broken handler")
            if p == "/event":
                print("a stray print must not reach the body")
                return {"method": event.method, "query": event.query, "body": event.body.decode(), "host": event.headers.get("Host"), "ctx": context.hostname}
            return "?"
        """;

    private readonly TemplateFixture _fx = new();

    [Theory]
    [InlineData("/status-dict", 201, "application/json", "{\"id\": 7}")]
    [InlineData("/status-str", 418, "text/x-tea", "teapot")]
    [InlineData("/dict", 200, "application/json", "{\"a\": 1}")]
    [InlineData("/str", 200, "text/plain; charset=utf-8", "plain")]
    [InlineData("/none", 200, "text/plain; charset=utf-8", "")]
    [InlineData("/raise", 500, "text/plain; charset=utf-8", "broken handler")]
    public void Python3_http_results_map_to_status_headers_and_body(string path, int status, string contentType, string body)
    {
        var (gotStatus, headers, gotBody) = RunFork(Build("python3-http", HttpHandler), "", ("Http_Path", path), ("Http_Method", "POST"));

        Assert.Equal(status, gotStatus);
        Assert.Equal(contentType, headers["Content-Type"]);
        Assert.Equal(body, gotBody);
        if (path == "/status-dict")
        {
            Assert.Equal("yes", headers["X-Fn"]);
        }
    }

    [Fact]
    public void Python3_http_event_carries_method_query_body_headers_and_prints_go_to_stderr()
    {
        var (status, _, body) = RunFork(Build("python3-http", HttpHandler), "payload",
            ("Http_Path", "/event"), ("Http_Method", "PATCH"), ("Http_Query", "a=1&b=2"), ("Http_Host", "fn.local"), ("HOSTNAME", "replica-9"));

        Assert.Equal(200, status);
        Assert.Equal("""{"method": "PATCH", "query": {"a": "1", "b": "2"}, "body": "payload", "host": "fn.local", "ctx": "replica-9"}""", body);
    }

    [Fact]
    public void Python3_classic_handler_gets_the_body_as_a_string()
    {
        var dir = Build("python3", "def handle(req):\n    return {'statusCode': 202, 'body': req.upper()}\n");

        var (status, _, body) = RunFork(dir, "héllo", ("Http_Content_Type", "text/plain"));

        Assert.Equal(202, status);
        Assert.Equal("HÉLLO", body);
    }

    [Fact]
    public void A_handler_that_cannot_be_imported_answers_500()
    {
        var (status, _, body) = RunFork(Build("python3", "def handle(req):\n    return (\n"), "");

        Assert.Equal(500, status);
        Assert.StartsWith("cannot load handler:", body, StringComparison.Ordinal);
    }

    public void Dispose() => _fx.Dispose();

    private string Build(string lang, string handler)
    {
        var name = "f" + Guid.NewGuid().ToString("N")[..6];
        return FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = name,
            Lang = lang,
            HandlerDirectory = _fx.Handler(name + "-src", ("handler.py", handler)),
            OutputDirectory = Path.Combine(_fx.Root, name),
            Mode = "serializing",
        }).Directory;
    }

    private static (int Status, Dictionary<string, string> Headers, string Body) RunFork(string dir, string stdin, params (string Key, string Value)[] env)
    {
        var info = new ProcessStartInfo(PythonInterpreter.Path!, ["index.py"])
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(stdin));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(20_000));
        Assert.True(process.ExitCode == 0, "index.py failed: " + stderr.Result);

        var split = output.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "no CGI head in: " + output);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output[..split].Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        return (int.Parse(headers["Status"], System.Globalization.CultureInfo.InvariantCulture), headers, output[(split + 4)..]);
    }
}
