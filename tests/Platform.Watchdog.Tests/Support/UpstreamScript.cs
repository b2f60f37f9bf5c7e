namespace Harness.Platform.Watchdog.Tests.Support;

/// <summary>A tiny stdlib Python HTTP server for http-mode tests: echoes method, path, a header and the body.</summary>
internal static class UpstreamScript
{
    public static string Write(TempDirectory dir)
    {
        const string source = """
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer

            class H(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def log_message(self, *a):
                    pass
                def _serve(self):
                    n = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(n) if n else b""
                    if self.path.startswith("/slow"):
                        import time; time.sleep(30)
                    out = ("%s %s %s %d|" % (self.command, self.path, self.headers.get("X-Test", "-"), os.getpid())).encode() + body
                    self.send_response(201 if self.path.startswith("/created") else 200)
                    self.send_header("Content-Type", "application/x-echo")
                    self.send_header("X-Upstream", "yes")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                do_GET = do_POST = do_PUT = do_DELETE = _serve

            marker = os.environ.get("slow_start_marker")
            if marker and os.path.exists(marker):
                import time; time.sleep(1.5)  # a restart that takes a while, so the test sees the 503 window
            HTTPServer(("127.0.0.1", int(os.environ["upstream_port"])), H).serve_forever()
            """;
        var file = Path.Combine(dir.Path, "upstream.py");
        File.WriteAllText(file, source);
        return "/usr/bin/python3 " + file;
    }
}
