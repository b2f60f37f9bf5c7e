namespace Harness.Testing;

/// <summary>
/// A <see cref="ScriptedUpstream"/> whose answer is chosen by the request path, for testing clients against exact wire
/// behaviour: <c>/ok</c> (Content-Length), <c>/chunked</c> (extension and trailer), <c>/error</c> (503), <c>/eof</c> (body
/// ends with the connection), <c>/close</c> (closes without answering), <c>/reset</c> (RST without answering),
/// <c>/big</c> (100 kB), <c>/nocontent</c> (204), <c>/continue</c> (100 then 201), <c>/trickle</c> (one byte per send),
/// <c>/once</c> (answers, then closes), <c>/hang</c> (never answers); anything else is a 404.
/// </summary>
public static class ScriptedHttpServer
{
    /// <summary>Starts listening on a port the kernel picks.</summary>
    public static ScriptedUpstream Start() => new(Answer);

    private static Reply Answer(RecordedRequest request) => request.Target switch
    {
        "/ok" => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"),
        "/chunked" => Reply.Raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"),
        "/error" => Reply.Raw("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy"),
        "/eof" => Reply.Raw("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end", close: true),
        "/close" => Reply.Nothing(ReplyEnd.Close),
        "/reset" => Reply.Nothing(ReplyEnd.Reset),
        // Larger than the fast path's 16 KB buffer: the body is skipped across many reads.
        "/big" => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + new string('x', 100_000)),
        "/nocontent" => Reply.Raw("HTTP/1.1 204 No Content\r\n\r\n"),
        "/continue" => Reply.Raw("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew"),
        "/trickle" => Reply.Trickle("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        // Answers as if the connection stayed open, then closes it: the client's next request on it must go to a new one.
        "/once" => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: true),
        "/hang" => Reply.Nothing(ReplyEnd.Hang),
        _ => Reply.Raw("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
    };
}
