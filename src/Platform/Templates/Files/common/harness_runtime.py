"""Harness function runtime: loads function/handler.py and maps its return value to an HTTP response.

Shared by the python3 (classic handle(req)) and python3-http (handle(event, context)) templates, in fork mode
(one interpreter per request, CGI-style output read by the watchdog with cgi_response=true) and in http mode
(one long-lived HTTP/1.1 server on 127.0.0.1:$upstream_port). Standard library only.

Start-up time is every cold start's cost, so only what a request needs is imported up front: no http.server (it pulls
in http.client, ssl and the email package), and json, traceback and urllib.parse only when a request needs them.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTION_DIR = os.path.join(HERE, "function")


def load_handler():
    """Imports function/handler.py once; the function folder is on sys.path so its own modules import too."""
    if FUNCTION_DIR not in sys.path:
        sys.path.insert(0, FUNCTION_DIR)
    return __import__("handler")


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
    if not raw:
        return {}
    from urllib.parse import parse_qs

    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw, keep_blank_values=True).items()}


def invoke(module, style, body, headers, method, query, path):
    """Calls the handler in the template's style and returns (status, [(name, value)], body bytes)."""
    try:
        if style == "classic":
            result = module.handle(body.decode("utf-8", errors="replace"))
        else:
            result = module.handle(Event(body, headers, method, parse_query(query), path), Context())
        return to_response(result)
    except Exception as e:  # the handler's failure is the function's answer, not the runtime's
        _print_exc()
        return 500, [("Content-Type", "text/plain; charset=utf-8")], str(e).encode("utf-8")


def ensure_content_type(head, request_type):
    """A str or bytes answer gets content_type, else the request's type (classic watchdog), else text/plain."""
    if not any(k.lower() == "content-type" for k, _ in head):
        head.append(("Content-Type", os.getenv("content_type") or request_type or "text/plain; charset=utf-8"))
    return head


def _json(value):
    import json

    return json.dumps(value).encode("utf-8")


def _print_exc():
    import traceback

    traceback.print_exc(file=sys.stderr)


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
        _print_exc()
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


# Reason phrases for the status line; any other code gets an empty phrase, which HTTP/1.1 allows.
_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
            422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
_MAX_LINE = 65536
_MAX_HEADERS = 100


class BadRequest(Exception):
    pass


def _read_line(rfile):
    line = rfile.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise BadRequest("line too long")
    return line


def read_request(rfile):
    """One HTTP/1.x request head: (method, target, version, [(name, value)]), or None at a clean end of stream."""
    line = _read_line(rfile)
    while line in (b"\r\n", b"\n"):  # tolerated before a request line (RFC 9112 2.2)
        line = _read_line(rfile)
    if not line:
        return None
    parts = line.decode("latin-1").rstrip("\r\n").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest("bad request line")
    headers = []
    while True:
        line = _read_line(rfile)
        if line in (b"\r\n", b"\n", b""):
            break
        if len(headers) >= _MAX_HEADERS:
            raise BadRequest("too many headers")
        text = line.decode("latin-1").rstrip("\r\n")
        if text[:1] in (" ", "\t") and headers:  # obsolete line folding
            name, value = headers[-1]
            headers[-1] = (name, value + " " + text.strip())
            continue
        name, sep, value = text.partition(":")
        if not sep or not name or name != name.strip():
            raise BadRequest("bad header line")
        headers.append((name, value.strip()))
    return parts[0], parts[1], parts[2], headers


def read_body(rfile, headers):
    """The request body: chunked (trailers skipped) or Content-Length bytes."""
    if "chunked" in (_get(headers, "transfer-encoding") or "").lower():
        chunks = []
        while True:
            try:
                size = int(_read_line(rfile).split(b";")[0].strip() or b"0", 16)
            except ValueError:
                raise BadRequest("bad chunk size")
            if size == 0:
                while _read_line(rfile) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunk = rfile.read(size)
            if len(chunk) != size:
                raise BadRequest("truncated chunk")
            chunks.append(chunk)
            _read_line(rfile)
    try:
        length = int(_get(headers, "content-length") or 0)
    except ValueError:
        raise BadRequest("bad Content-Length")
    if length <= 0:
        return b""
    body = rfile.read(length)
    if len(body) != length:
        raise BadRequest("truncated body")
    return body


def _get(headers, lower_name):
    for k, v in headers:
        if k.lower() == lower_name:
            return v
    return None


def _keep_alive(version, headers):
    connection = (_get(headers, "connection") or "").lower()
    if "close" in connection:
        return False
    return version != "HTTP/1.0" or "keep-alive" in connection


def response_bytes(status, head, payload, send_body=True, close=False):
    out = ["HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, ""))]
    for k, v in head:
        if k.lower() not in ("content-length", "transfer-encoding", "connection"):
            out.append("%s: %s\r\n" % (k, v))
    if close:
        out.append("Connection: close\r\n")
    out.append("Content-Length: %d\r\n\r\n" % len(payload))
    data = "".join(out).encode("latin-1", errors="replace")
    return data + payload if send_body else data


def serve_connection(module, style, rfile, wfile):
    """Keep-alive loop over one connection: parse, call the handler, answer; returns when the client is done."""
    while True:
        try:
            request = read_request(rfile)
            if request is None:
                return
            method, target, version, headers = request
            if (_get(headers, "expect") or "").lower() == "100-continue":
                wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            body = read_body(rfile, headers)
        except BadRequest as e:
            wfile.write(response_bytes(400, [("Content-Type", "text/plain; charset=utf-8")], str(e).encode("utf-8"), close=True))
            return
        path, _, query = target.partition("?")
        status, head, payload = invoke(module, style, body, dict(headers), method, query, path)
        ensure_content_type(head, _get(headers, "content-type"))
        keep = _keep_alive(version, headers)
        wfile.write(response_bytes(status, head, payload, method != "HEAD", close=not keep))
        if not keep:
            return


def run_server(style):
    """http mode: a keep-alive HTTP/1.1 server on 127.0.0.1:$upstream_port that imported the handler once."""
    import socket
    import socketserver

    module = load_handler()
    port = int(os.getenv("upstream_port") or "5000")

    class Handler(socketserver.StreamRequestHandler):
        def setup(self):
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
            super().setup()

        def handle(self):
            try:
                serve_connection(module, style, self.rfile, self.wfile)
            except (ConnectionError, TimeoutError):
                pass

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True
        request_queue_size = 1024

    _exit_with_parent()
    server = Server(("127.0.0.1", port), Handler)
    sys.stderr.write("harness runtime: serving %s handler on 127.0.0.1:%d\n" % (style, port))
    sys.stderr.flush()
    server.serve_forever()
