using System.Net;
using System.Net.Sockets;
using Harness.Platform.Templates;

namespace Harness.Bench;

/// <summary>An http-mode function for the benchmark: how the watchdog starts it, and the URL to hit it directly.</summary>
internal sealed record BenchUpstream(string Name, IReadOnlyDictionary<string, string> WatchdogEnvironment, string WorkingDirectory, Uri DirectUrl)
{
    /// <summary>nginx answering a fixed 200: the fastest upstream we have, so the watchdog's own cost shows fully.</summary>
    public static BenchUpstream? Nginx(string scratch)
    {
        const string nginx = "/usr/sbin/nginx";
        if (!File.Exists(nginx))
        {
            return null;
        }

        var dir = Path.Combine(scratch, "nginx");
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var port = FreePort();
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 2;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{dir}}/body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              keepalive_requests 10000000;
              server { listen 127.0.0.1:{{port}}; location / { return 200 "ok\n"; } }
            }
            """);
        return new BenchUpstream(
            "http: nginx (fixed 200)",
            new Dictionary<string, string>
            {
                ["mode"] = "http",
                ["fprocess"] = $"{nginx} -c {dir}/nginx.conf -p {dir}",
                ["upstream_url"] = $"http://127.0.0.1:{port}",
            },
            dir,
            new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The python3-http template's long-lived server with a handler returning "ok": what a user's function gets.</summary>
    public static BenchUpstream? PythonHttp(string scratch)
    {
        if (PythonInterpreter.Path is null)
        {
            return null;
        }

        var handler = Path.Combine(scratch, "py-handler");
        Directory.CreateDirectory(handler);
        File.WriteAllText(Path.Combine(handler, "handler.py"), "def handle(event, context):\n    return \"ok\"\n");
        var port = FreePort();
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "bench-python",
            Lang = TemplateCatalog.Python3Http,
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(scratch, "py-function"),
            Environment = new Dictionary<string, string> { ["upstream_url"] = $"http://127.0.0.1:{port}" },
        });
        return new BenchUpstream("http: python3-http template", artifact.Environment, artifact.Directory, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
