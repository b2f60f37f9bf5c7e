"""Harness function runtime: loads function/handler.py and maps its return value to an HTTP response.

Shared by the python3 (classic handle(req)) and python3-http (handle(event, context)) templates, in fork mode
(one interpreter per request, CGI-style output read by the watchdog with cgi_response=true) and in http mode
(one long-lived stdlib HTTP server on 127.0.0.1:$upstream_port). Standard library only.
"""
import importlib
import io
import json
import os
import sys
import traceback
from urllib.parse import parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTION_DIR = os.path.join(HERE, "function")


def load_handler():
    """Imports function/handler.py once; the function folder is on sys.path so its own modules import too."""
    if FUNCTION_DIR not in sys.path:
        sys.path.insert(0, FUNCTION_DIR)
    return importlib.import_module("handler")


class Event:
    """What python3-http handlers receive: body (bytes), headers, method, query, path."""

    def __init__(self, body, headers, method, query, path):
        self.body = body
        self.headers = headers
        self.method = method
        self.query = query
        self.path = path


class Context:
    def __init__(self):
        self.hostname = os.getenv("HOSTNAME", "localhost")


def parse_query(raw):
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw or "", keep_blank_values=True).items()}


def invoke(module, style, body, headers, method, query, path):
    """Calls the handler in the template's style and returns (status, [(name, value)], body bytes)."""
    try:
        if style == "classic":
            result = module.handle(body.decode("utf-8", errors="replace"))
        else:
            result = module.handle(Event(body, headers, method, parse_query(query), path), Context())
        return to_response(result)
    except Exception as e:  # the handler's failure is the function's answer, not the runtime's
        traceback.print_exc(file=sys.stderr)
        return 500, [("Content-Type", "text/plain; charset=utf-8")], str(e).encode("utf-8")


def ensure_content_type(head, request_type):
    """A str or bytes answer gets content_type, else the request's type (classic watchdog), else text/plain."""
    if not any(k.lower() == "content-type" for k, _ in head):
        head.append(("Content-Type", os.getenv("content_type") or request_type or "text/plain; charset=utf-8"))
    return head


def _json(value):
    return json.dumps(value).encode("utf-8")


def to_response(result):
    """dict with statusCode: that status, body (str as is, dict as JSON) and headers; dict: JSON; str: as is."""
    if result is None:
        return 200, [], b""
    if isinstance(result, dict) and "statusCode" in result:
        status = int(result.get("statusCode") or 200)
        headers = [(str(k), str(v)) for k, v in (result.get("headers") or {}).items()]
        body = result.get("body")
        if isinstance(body, (dict, list)):
            if not any(k.lower() == "content-type" for k, _ in headers):
                headers.append(("Content-Type", "application/json"))
            return status, headers, _json(body)
        if body is None:
            return status, headers, b""
        if isinstance(body, (bytes, bytearray)):
            return status, headers, bytes(body)
        return status, headers, str(body).encode("utf-8")
    if isinstance(result, (dict, list)):
        return 200, [("Content-Type", "application/json")], _json(result)
    if isinstance(result, (bytes, bytearray)):
        return 200, [], bytes(result)
    return 200, [], str(result).encode("utf-8")


def run_fork(style):
    """Fork mode: one request on stdin, the CGI response on stdout. Handler prints go to stderr, not the body."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    body = sys.stdin.buffer.read()
    headers = {k[5:].replace("_", "-"): v for k, v in os.environ.items()
               if k.startswith("Http_") and k not in ("Http_Method", "Http_Query", "Http_Path", "Http_ContentLength")}
    try:
        module = load_handler()
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        status, head, payload = 500, [("Content-Type", "text/plain; charset=utf-8")], ("cannot load handler: %s" % e).encode()
    else:
        status, head, payload = invoke(module, style, body, headers, os.getenv("Http_Method", "POST"),
                                       os.getenv("Http_Query", ""), os.getenv("Http_Path", "/"))
    ensure_content_type(head, os.getenv("Http_Content_Type"))
    lines = ["Status: %d" % status] + ["%s: %s" % (k, v) for k, v in head]
    out.write(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
    out.write(payload)
    out.flush()


def _exit_with_parent():
    """The watchdog starts this server in its own session; if the watchdog dies (even SIGKILL), do not linger."""
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def run_server(style):
    """http mode: a keep-alive HTTP/1.1 server on 127.0.0.1:$upstream_port that imported the handler once."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from http import HTTPStatus

    module = load_handler()
    port = int(os.getenv("upstream_port") or "5000")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format, *args):  # per-request logging costs more than the request
            pass

        def _read_body(self):
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""

        def _serve(self):
            body = self._read_body()
            path, _, query = self.path.partition("?")
            headers = {k: v for k, v in self.headers.items()}
            status, head, payload = invoke(module, style, body, headers, self.command, query, path)
            ensure_content_type(head, self.headers.get("Content-Type"))
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = ""
            buf = io.BytesIO()
            buf.write(("HTTP/1.1 %d %s\r\n" % (status, reason)).encode("latin-1"))
            for k, v in head:
                if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                    buf.write(("%s: %s\r\n" % (k, v)).encode("latin-1", errors="replace"))
            buf.write(("Content-Length: %d\r\n\r\n" % len(payload)).encode("latin-1"))
            if self.command != "HEAD":
                buf.write(payload)
            self.wfile.write(buf.getvalue())

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        allow_reuse_address = True
        request_queue_size = 1024

    _exit_with_parent()
    server = Server(("127.0.0.1", port), Handler)
    sys.stderr.write("harness runtime: serving %s handler on 127.0.0.1:%d\n" % (style, port))
    sys.stderr.flush()
    server.serve_forever()
