using System.Diagnostics;
using System.Text;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

/// <summary>The Python runtime's result mapping, run in fork mode exactly as the watchdog runs it (stdin, Http_* env, CGI head on stdout).</summary>
public sealed class PythonRuntimeTests : IDisposable
{
    private const string HttpHandler = """
        def handle(event, context):
            p = event.path
            if p == "/status-dict":
                return {"statusCode": 201, "body": {"id": 7}, "headers": {"X-Fn": "yes"}}
            if p == "/status-str":
                return {"statusCode": 418, "body": "teapot", "headers": {"Content-Type": "text/x-tea"}}
            if p == "/dict":
                return {"a": 1}
            if p == "/body-only":
                return {"body": 42}
            if p == "/str":
                return "plain"
            if p == "/none":
                return None
            if p == "/tuple":
                return ("made", 201, {"X-T": "1"})
            if p == "/pair":
                return ("accepted", 202)
            if p == "/list-headers":
                return {"statusCode": 200, "body": "b", "headers": [("X-A", "1"), ("Content-Type", "text/csv")]}
            if p == "/raise":
                raise ValueError("broken handler")
            if p == "/missing-query":
                return {"body": event.query["nope"]}
            if p == "/inject":
                return {"body": "x", "headers": {"X-A": "a\r\nSet-Cookie: evil=1"}}
            if p == "/inject-name":
                return {"body": "x", "headers": {"X-A\nSet-Cookie": "evil=1"}}
            if p == "/event":
                print("a stray print must not reach the body")
                return {"body": {
                    "method": event.method,
                    "first": event.query.get("a"),
                    "all": event.query.getlist("a"),
                    "absent": event.query.get("zz", "default"),
                    "body": event.body.decode(),
                    "host": event.headers.get("host"),
                    "type": event.headers["CONTENT-TYPE"],
                    "ctx": context.hostname,
                }}
            return "?"
        """;

    private readonly TemplateFixture _fx = new();

    [Theory]
    [InlineData("/status-dict", 201, "application/json", "{\"id\":7}\n")]
    [InlineData("/status-str", 418, "text/x-tea", "teapot")]
    [InlineData("/dict", 200, "text/html; charset=utf-8", "")]
    [InlineData("/body-only", 200, "text/html; charset=utf-8", "42")]
    [InlineData("/str", 200, "text/html; charset=utf-8", "plain")]
    [InlineData("/none", 200, "text/html; charset=utf-8", "")]
    [InlineData("/tuple", 201, "text/html; charset=utf-8", "made")]
    [InlineData("/pair", 202, "text/html; charset=utf-8", "accepted")]
    [InlineData("/list-headers", 200, "text/csv", "b")]
    public void Python3_http_results_map_as_the_official_template(string path, int status, string contentType, string body)
    {
        var (gotStatus, headers, gotBody) = RunFork(Build("python3-http", HttpHandler), "", ("Http_Path", path), ("Http_Method", "POST"));

        Assert.Equal(status, gotStatus);
        Assert.Equal(contentType, headers["Content-Type"]);
        Assert.Equal(body, gotBody);
        if (path == "/status-dict")
        {
            Assert.Equal("yes", headers["X-Fn"]);
        }

        if (path == "/tuple")
        {
            Assert.Equal("1", headers["X-T"]);
        }

        if (path == "/list-headers")
        {
            Assert.Equal("1", headers["X-A"]);
        }
    }

    [Theory]
    [InlineData("/raise", 500, "Internal Server Error")]
    [InlineData("/missing-query", 400, "Bad Request")]
    public void Python3_http_failures_answer_flasks_error_pages(string path, int status, string title)
    {
        var (gotStatus, headers, body) = RunFork(Build("python3-http", HttpHandler), "", ("Http_Path", path), ("Http_Method", "GET"));

        Assert.Equal(status, gotStatus);
        Assert.Equal("text/html; charset=utf-8", headers["Content-Type"]);
        Assert.Contains($"<title>{status} {title}</title>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inject")]
    [InlineData("/inject-name")]
    public void Python3_http_header_names_or_values_with_CR_or_LF_are_refused(string path)
    {
        var (status, headers, body) = RunFork(Build("python3-http", HttpHandler), "", ("Http_Path", path), ("Http_Method", "GET"));

        Assert.Equal(500, status);
        Assert.False(headers.ContainsKey("Set-Cookie"));
        Assert.False(headers.ContainsKey("X-A"));
        Assert.DoesNotContain("evil", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Python3_http_event_has_a_multi_dict_query_case_insensitive_headers_and_prints_go_to_stderr()
    {
        var (status, _, body) = RunFork(Build("python3-http", HttpHandler), "payload",
            ("Http_Path", "/event"), ("Http_Method", "PATCH"), ("Http_Query", "a=1&a=2&b=3"), ("Http_Host", "fn.local"),
            ("Http_Content_Type", "text/plain"), ("HOSTNAME", "replica-9"));

        Assert.Equal(200, status);
        Assert.Equal("""{"absent":"default","all":["1","2"],"body":"payload","ctx":"replica-9","first":"1","host":"fn.local","method":"PATCH","type":"text/plain"}""" + "\n", body);
    }

    [Fact]
    public void Python3_flask_gets_the_body_as_text_or_bytes_and_returns_a_view_value()
    {
        const string handler = """
            def handle(req):
                if isinstance(req, bytes):
                    return (b"raw:" + req, 202, {"X-Raw": "yes"})
                return "text:" + req
            """;
        var dir = Build("python3-flask", handler);

        var (status, headers, body) = RunFork(dir, "héllo", ("Http_Method", "POST"));
        Assert.Equal(200, status);
        Assert.Equal("text/html; charset=utf-8", headers["Content-Type"]);
        Assert.Equal("text:héllo", body);

        (status, headers, body) = RunFork(dir, "abc", ("Http_Method", "POST"), ("RAW_BODY", "true"));
        Assert.Equal(202, status);
        Assert.Equal("yes", headers["X-Raw"]);
        Assert.Equal("raw:abc", body);

        // Upstream's flask template routes only GET and POST.
        (status, _, _) = RunFork(dir, "", ("Http_Method", "PUT"));
        Assert.Equal(405, status);
    }

    [Theory]
    [InlineData("python3")]
    [InlineData("python3-debian")]
    [InlineData("python3-http")]
    [InlineData("python3-http-debian")]
    [InlineData("python3-flask")]
    [InlineData("python3-flask-debian")]
    public void Every_python_template_loads_the_handler_as_a_package_so_relative_imports_work(string lang)
    {
        var classic = lang is "python3" or "python3-debian" or "python3-flask" or "python3-flask-debian";
        var handler = classic
            ? "from .helper import greet\n\ndef handle(req):\n    return greet(req)\n"
            : "from .helper import greet\n\ndef handle(event, context):\n    return {'body': greet(event.body.decode())}\n";
        var name = "f" + Guid.NewGuid().ToString("N")[..6];
        var dir = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = name,
            Lang = lang,
            HandlerDirectory = _fx.Handler(name + "-src", ("handler.py", handler), ("helper.py", "def greet(x):\n    return 'hello ' + x\n")),
            OutputDirectory = Path.Combine(_fx.Root, name),
            Mode = "serializing",
        }).Directory;

        Assert.True(File.Exists(Path.Combine(dir, "function", "__init__.py")));
        var (status, _, body) = RunFork(dir, "ola", ("Http_Method", "POST"));
        Assert.Equal(200, status);
        Assert.Equal("hello ola", body);
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
    public void Python3_classic_with_template_compat_openfaas_prints_the_return_value_as_upstream()
    {
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "compat",
            Lang = "python3",
            HandlerDirectory = _fx.Handler("compat-src", ("handler.py", "def handle(req):\n    print('working')\n    return {'statusCode': 400, 'body': req}\n")),
            OutputDirectory = Path.Combine(_fx.Root, "compat"),
            Environment = new Dictionary<string, string> { ["template_compat"] = "openfaas" },
        });

        Assert.Equal("false", artifact.Environment["cgi_response"]);
        Assert.Equal("true", artifact.Environment["combine_output"]);
        var (code, stdout, _) = RunRaw(artifact.Directory, "NO1", ("template_compat", "openfaas"));
        Assert.Equal(0, code);
        Assert.Equal("working\n{'statusCode': 400, 'body': 'NO1'}\n", stdout);
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

    private static (int Code, string Stdout, string Stderr) RunRaw(string dir, string stdin, params (string Key, string Value)[] env) =>
        ForkProcess.Run(dir, stdin, env);

    private static (int Status, Dictionary<string, string> Headers, string Body) RunFork(string dir, string stdin, params (string Key, string Value)[] env)
    {
        var (code, output, stderr) = ForkProcess.Run(dir, stdin, env);
        Assert.True(code == 0, "index.py failed: " + stderr);

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
