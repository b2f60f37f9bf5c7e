#!/usr/bin/python3
# A stand-in for the real watchdog, used only until src/Platform.Watchdog is available to the tests.
import os, sys, signal, socket, subprocess, threading, time, http.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

env = os.environ
lock = env.get("lock_path", "/tmp/.lock")
mode = env.get("mode", "serializing")
fprocess = env["fprocess"].split()
child = None
if mode == "http":
    up = urlparse(env["upstream_url"])
    child = subprocess.Popen(fprocess)
    def watch():
        child.wait()
        print("function exited", child.returncode, flush=True)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()
    while True:
        try:
            socket.create_connection((up.hostname, up.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.005)

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def send(self, code, data):
        self.send_response(code)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if self.path == "/_/health":
            return self.send(200 if os.path.exists(lock) else 503, b"OK")
        if mode == "http":
            c = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
            try:
                c.request(self.command, self.path, body)
                r = c.getresponse()
                return self.send(r.status, r.read())
            except Exception as e:
                return self.send(502, str(e).encode())
        p = subprocess.run(fprocess, input=body, capture_output=True)
        self.send(200 if p.returncode == 0 else 500, p.stdout)
    do_GET = do_POST = any

def term(*a):
    try:
        os.remove(lock)
    except OSError:
        pass
    if child:
        child.terminate()
    os._exit(0)

signal.signal(signal.SIGTERM, term)
srv = ThreadingHTTPServer((env.get("bind_address", "0.0.0.0"), int(env.get("port", "8080"))), H)
open(lock, "w").close()
srv.serve_forever()
