"""Harness function runtime: loads the `function` package and turns its handler's return value into an HTTP response.

Written for Harness (standard library only) to keep the official OpenFaaS templates' contracts:
- classic (python3, python3-debian): handle(req) with the body as text. Harness maps a dict with statusCode to a status;
  with template_compat=openfaas it does what upstream does instead: print(ret), status 200 (see run_fork).
- http (python3-http, python3-http-debian): handle(event, context), return values mapped as upstream's index.py does
  and then handed to Flask's view-return rules.
- flask (python3-flask, python3-flask-debian): handle(req) with the body as text (bytes when RAW_BODY=true); its return
  value follows Flask's view-return rules.
Both run in fork mode (one interpreter per request, a CGI-style head read by the watchdog with cgi_response=true) and in
http mode (one long-lived HTTP/1.1 server on 127.0.0.1:$upstream_port).

Start-up time is every cold start's cost, so only what a request needs is imported up front: no http.server (it pulls
in http.client, ssl and the email package), and json, traceback and urllib.parse only when a request needs them.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Where the build installed function/requirements.txt (pip --target): inside the artifact, so it travels with it.
PACKAGES_DIR = os.path.join(HERE, "python")

# The templates' routes and methods: python3-http as upstream, python3-flask only GET and POST; Flask adds HEAD and OPTIONS.
_METHODS = {
    "http": ("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    "flask": ("GET", "POST", "HEAD", "OPTIONS"),
}


def load_handler():
    """`from function import handler`, as upstream: function/ is a package, so `from .helper import x` works in it."""
    for path in (PACKAGES_DIR, HERE):
        if path not in sys.path:
            sys.path.insert(0, path)
    from function import handler

    return handler


def _log(message):
    sys.stderr.write("harness runtime: %s\n" % message)
    sys.stderr.flush()


class BadRequestKeyError(KeyError):
    """A missing key in event.query or event.headers: upstream (Werkzeug) answers 400 Bad Request."""


class Headers:
    """Request headers as upstream's event.headers (Werkzeug): case-insensitive, iterating (name, value) pairs."""

    def __init__(self, pairs):
        self._pairs = [(str(k), str(v)) for k, v in pairs]

    def get(self, key, default=None, type=None):
        lower = key.lower()
        for k, v in self._pairs:
            if k.lower() == lower:
                if type is None:
                    return v
                try:
                    return type(v)
                except ValueError:
                    return default
        return default

    def getlist(self, key):
        lower = key.lower()
        return [v for k, v in self._pairs if k.lower() == lower]

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise BadRequestKeyError(key)
        return value

    def __contains__(self, key):
        return self.get(key) is not None

    def __iter__(self):
        return iter(list(self._pairs))

    def __len__(self):
        return len(self._pairs)

    def keys(self):
        return [k for k, _ in self._pairs]

    def values(self):
        return [v for _, v in self._pairs]

    def items(self):
        return list(self._pairs)

    def to_wsgi_list(self):
        return list(self._pairs)

    def __repr__(self):
        return "Headers(%r)" % self._pairs


class MultiDict(dict):
    """The query string as upstream's event.query (Werkzeug MultiDict): [] and get give the first value, getlist all."""

    def __init__(self, pairs=()):
        super().__init__()
        for k, v in pairs:
            dict.setdefault(self, k, []).append(v)

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)[0]
        raise BadRequestKeyError(key)

    def get(self, key, default=None, type=None):
        if not dict.__contains__(self, key):
            return default
        value = dict.__getitem__(self, key)[0]
        if type is None:
            return value
        try:
            return type(value)
        except ValueError:
            return default

    def getlist(self, key, type=None):
        values = list(dict.get(self, key, []))
        return values if type is None else [type(v) for v in values]

    def items(self, multi=False):
        for k, values in dict.items(self):
            if multi:
                for v in values:
                    yield k, v
            else:
                yield k, values[0]

    def values(self):
        return [values[0] for values in dict.values(self)]

    def lists(self):
        return [(k, list(v)) for k, v in dict.items(self)]

    def to_dict(self, flat=True):
        return {k: (v[0] if flat else list(v)) for k, v in dict.items(self)}

    def __repr__(self):
        return "MultiDict(%r)" % list(self.items(multi=True))


def parse_query(raw):
    if not raw:
        return MultiDict()
    from urllib.parse import parse_qsl

    return MultiDict(parse_qsl(raw, keep_blank_values=True))


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


class InvalidResponse(Exception):
    """A return value Flask would refuse (TypeError there): a 500."""


class JsonBody:
    """What Flask's jsonify makes: compact, sorted keys, a trailing newline, application/json."""

    def __init__(self, value):
        import json

        self.data = (json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


# Flask's (Werkzeug's) error pages, so a client sees what it would see upstream.
_PAGES = {
    400: ("Bad Request", "The browser (or proxy) sent a request that this server could not understand."),
    404: ("Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."),
    405: ("Method Not Allowed", "The method is not allowed for the requested URL."),
    500: ("Internal Server Error", "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."),
}


def error_page(status, extra_head=()):
    title, text = _PAGES[status]
    body = ("<!doctype html>\n<html lang=en>\n<title>%d %s</title>\n<h1>%s</h1>\n<p>%s</p>\n" % (status, title, title, text)).encode("utf-8")
    return status, [("Content-Type", "text/html; charset=utf-8")] + list(extra_head), body


def _status(value):
    if isinstance(value, bool):
        raise InvalidResponse("status %r" % (value,))
    if isinstance(value, int):
        return value
    if isinstance(value, (str, bytes)):
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        digits = text.strip().split(" ", 1)[0]
        if digits.isdigit():
            return int(digits)
    raise InvalidResponse("status %r is not an int or a string such as '201 CREATED'" % (value,))


def _header_pairs(headers):
    if isinstance(headers, Headers):
        return headers.items()
    if isinstance(headers, dict):
        pairs = []
        for k, v in headers.items():
            if isinstance(v, (list, tuple)):
                pairs.extend((k, item) for item in v)
            else:
                pairs.append((k, v))
        return pairs
    if isinstance(headers, (list, tuple)):
        pairs = []
        for item in headers:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise InvalidResponse("headers entry %r is not a (name, value) pair" % (item,))
            pairs.append((item[0], item[1]))
        return pairs
    raise InvalidResponse("headers %r are not a dict or a list of pairs" % (headers,))


def _set_headers(head, pairs):
    """Werkzeug's Headers.update: a name given again replaces the earlier value (so Content-Type overrides the default)."""
    for k, v in pairs:
        name, value = str(k), str(v)
        head[:] = [(n, x) for n, x in head if n.lower() != name.lower()]
        head.append((name, value))
    return head


def flask_view_response(rv):
    """Flask's make_response: a str/bytes/dict/list body, or a (body, status), (body, headers), (body, status, headers) tuple."""
    status, headers = None, None
    if isinstance(rv, tuple):
        if len(rv) == 3:
            rv, status, headers = rv
        elif len(rv) == 2:
            if isinstance(rv[1], (Headers, dict, tuple, list)):
                rv, headers = rv
            else:
                rv, status = rv
        else:
            raise InvalidResponse("a returned tuple must be (body, status, headers), (body, status) or (body, headers)")
    if rv is None:
        raise InvalidResponse("the view function did not return a valid response (None)")
    if isinstance(rv, JsonBody):
        head, body = [("Content-Type", "application/json")], rv.data
    elif isinstance(rv, str):
        head, body = [("Content-Type", "text/html; charset=utf-8")], rv.encode("utf-8")
    elif isinstance(rv, (bytes, bytearray)):
        head, body = [("Content-Type", "text/html; charset=utf-8")], bytes(rv)
    elif isinstance(rv, (dict, list)):
        head, body = [("Content-Type", "application/json")], JsonBody(rv).data
    elif hasattr(rv, "__iter__") and hasattr(rv, "__next__"):
        parts = [p.encode("utf-8") if isinstance(p, str) else bytes(p) for p in rv]
        head, body = [("Content-Type", "text/html; charset=utf-8")], b"".join(parts)
    else:
        raise InvalidResponse("the view function returned %s, which is not a valid response type" % type(rv).__name__)
    code = 200 if status is None else _status(status)
    if headers is not None:
        _set_headers(head, _header_pairs(headers))
    return code, head, body


def http_result(resp):
    """Upstream python3-http's format_response, then Flask: None is an empty 200, a dict gives statusCode (200),
    body (absent: empty; a dict: JSON; else str()) and headers; anything else is a Flask view return value."""
    if resp is None:
        return flask_view_response(("", 200))
    if type(resp) is dict:
        status = resp["statusCode"] if "statusCode" in resp else 200
        if "body" not in resp:
            body = ""
        elif type(resp["body"]) == dict:
            body = JsonBody(resp["body"])
        else:
            body = str(resp["body"])
        headers = resp["headers"] if "headers" in resp else []
        return flask_view_response((body, status, headers))
    return flask_view_response(resp)


def classic_result(result):
    """Harness's python3 mapping: a dict with statusCode gives that status, body (str as is, dict as JSON) and headers;
    another dict or list: JSON; a str: as is. (Upstream prints the value with 200: template_compat=openfaas.)"""
    if result is None:
        return 200, [], b""
    if isinstance(result, dict) and "statusCode" in result:
        status = _status(result.get("statusCode") or 200)
        headers = [(str(k), str(v)) for k, v in _header_pairs(result.get("headers") or {})]
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


def _json(value):
    import json

    return json.dumps(value).encode("utf-8")


def _print_exc():
    import traceback

    traceback.print_exc(file=sys.stderr)
    sys.stderr.flush()


def _is_true(value):
    return (value or "").strip().lower() in ("true", "1")


def invoke(module, style, body, headers, method, query, path):
    """Calls the handler in the template's style and returns (status, [(name, value)], body bytes)."""
    if style in _METHODS and method.upper() not in _METHODS[style]:
        allow = ", ".join(sorted(_METHODS[style]))
        return error_page(405, [("Allow", allow)])
    if style in _METHODS and method.upper() == "OPTIONS":
        return 200, [("Content-Type", "text/html; charset=utf-8"), ("Allow", ", ".join(sorted(_METHODS[style])))], b""
    try:
        if style == "classic":
            result = classic_result(module.handle(body.decode("utf-8", errors="replace")))
        elif style == "flask":
            req = body if _is_true(os.getenv("RAW_BODY")) else body.decode("utf-8", errors="replace")
            result = flask_view_response(module.handle(req))
        else:
            from urllib.parse import unquote

            event = Event(body, Headers(headers), method, parse_query(query), unquote(path or "/"))
            result = http_result(module.handle(event, Context()))
    except BadRequestKeyError as e:
        _log("400 Bad Request: missing key %s" % e)
        return error_page(400)
    except Exception as e:  # the handler's failure is the function's answer, not the runtime's
        if style == "classic":
            _print_exc()
            return 500, [("Content-Type", "text/plain; charset=utf-8")], str(e).encode("utf-8")
        _log("Exception on %s [%s]" % (path or "/", method))
        _print_exc()
        return error_page(500)
    return refuse_unsafe_headers(result)


def refuse_unsafe_headers(result):
    """A header name or value with CR or LF would split the response (header injection): answered 500 and logged instead,
    as Werkzeug refuses such a value, and never written onto the wire."""
    status, head, payload = result
    for name, value in head:
        if any(c in name for c in "\r\n:") or not name or "\r" in value or "\n" in value:
            _log("refused response header %r: header names and values must not contain CR or LF" % name)
            return error_page(500)
    return result


def ensure_content_type(head, request_type):
    """A classic answer without a Content-Type gets content_type, else the request's type (classic watchdog), else text/plain."""
    if not any(k.lower() == "content-type" for k, _ in head):
        head.append(("Content-Type", os.getenv("content_type") or request_type or "text/plain; charset=utf-8"))
    return head


def openfaas_compat():
    """template_compat=openfaas: behave exactly as upstream's python3 template (see run_fork)."""
    return (os.getenv("template_compat") or "").strip().lower() == "openfaas"


def run_upstream_classic():
    """Upstream's python3 index.py: all of stdin as text, handle(req), print(ret) when not None; prints and stderr are
    the body (the watchdog's combine_output), an exception a traceback and exit status 1 (the watchdog's 500)."""
    body = sys.stdin.read()
    ret = load_handler().handle(body)
    if ret is not None:
        print(ret)


def run_fork(style):
    """Fork mode: one request on stdin, the CGI response on stdout. Handler prints go to stderr, not the body."""
    if style == "classic" and openfaas_compat():
        run_upstream_classic()
        return
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    body = sys.stdin.buffer.read()
    headers = [(k[5:].replace("_", "-"), v) for k, v in os.environ.items()
               if k.startswith("Http_") and k not in ("Http_Method", "Http_Query", "Http_Path", "Http_ContentLength")]
    try:
        module = load_handler()
    except Exception as e:
        _print_exc()
        status, head, payload = 500, [("Content-Type", "text/plain; charset=utf-8")], ("cannot load handler: %s" % e).encode()
    else:
        status, head, payload = invoke(module, style, body, headers, os.getenv("Http_Method", "POST"),
                                       os.getenv("Http_Query", ""), os.getenv("Http_Path", "/"))
    if style == "classic":
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
        status, head, payload = invoke(module, style, body, headers, method, query, path)
        if style == "classic":
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
    _log("serving %s handler on 127.0.0.1:%d" % (style, port))
    server.serve_forever()
