# Test function for the local provider (http mode): listens on upstream_port, as the harness templates do.
import os, sys, json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        url = urlparse(self.path)
        q = parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path == "/alloc":
            print("allocating 1 GiB", flush=True)
            blob = bytearray(1024 * 1024 * 1024)
            for i in range(0, len(blob), 4096):
                blob[i] = 1
            self.reply(200, "survived")
        elif url.path == "/secret":
            base = os.environ.get("secret_mount_path", "/var/openfaas/secrets")
            try:
                with open(os.path.join(base, q["name"][0])) as f:
                    self.reply(200, f.read())
            except OSError as e:
                self.reply(404, str(e))
        elif url.path == "/read":
            try:
                with open(q["path"][0]) as f:
                    self.reply(200, f.read())
            except OSError as e:
                self.reply(404, str(e))
        elif url.path == "/write":
            try:
                with open(q["path"][0], "w") as f:
                    f.write("x")
                self.reply(200, "written")
            except OSError as e:
                self.reply(500, str(e))
        elif url.path == "/env":
            self.reply(200, json.dumps(dict(os.environ)))
        else:
            self.reply(200, "hello from " + os.environ.get("HOSTNAME", "?") + ": " + body.decode(errors="replace"))

port = int(os.environ["upstream_port"])
print("upstream listening on", port, flush=True)
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
