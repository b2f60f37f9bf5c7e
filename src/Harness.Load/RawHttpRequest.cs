using System.Text;

namespace Harness.Load;

/// <summary>
/// Encodes a fixed request once into the bytes HttpClient would send for it, or says why the fast path cannot carry it.
/// </summary>
internal static class RawHttpRequest
{
    // Framing, hop-by-hop and content headers are HttpClient's to write (it drops content headers set on the request):
    // a scenario that sets one goes through HttpClient so both paths send the same bytes.
    private static readonly HashSet<string> ManagedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Expect", "TE", "Trailer",
        "Proxy-Connection", "Content-Type", "Content-Encoding", "Content-Language", "Content-Location", "Content-MD5",
        "Content-Range", "Content-Disposition", "Expires", "Last-Modified", "Allow",
    };

    /// <summary>Null when the fast path can send <paramref name="spec"/>; otherwise the reason it goes through HttpClient.</summary>
    public static string? Unsupported(HttpRequestSpec spec)
    {
        var url = spec.Url;
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttp)
        {
            return $"{(url.IsAbsoluteUri ? url.Scheme : "relative")} URL (the fast path speaks plain http:// only; TLS goes through HttpClient)";
        }

        if (url.UserInfo.Length > 0)
        {
            return "credentials in the URL";
        }

        if (!Ascii.IsValid(url.Authority) || !Ascii.IsValid(url.PathAndQuery))
        {
            return "a non-ASCII host or path";
        }

        if (!HttpSyntax.IsToken(spec.Method))
        {
            return $"method '{spec.Method}' is not an HTTP token";
        }

        foreach (var (name, value) in spec.Headers)
        {
            if (ManagedHeaders.Contains(name))
            {
                return $"header {name} (HttpClient owns it)";
            }

            if (HttpSyntax.HeaderProblem(name, value) is { } problem)
            {
                return problem;
            }

            if (!Ascii.IsValid(value))
            {
                return $"the value of header {name} is not plain ASCII";
            }
        }

        if (spec.ContentType is { } ct && (!Ascii.IsValid(ct) || ct.Any(c => c is '\r' or '\n')))
        {
            return "a non-ASCII content type";
        }

        return null;
    }

    /// <summary>The request line, headers and body as bytes; <paramref name="close"/> adds <c>Connection: close</c>.</summary>
    /// <exception cref="ArgumentException">A method, header or content type that would break the request's framing.</exception>
    public static byte[] Encode(HttpRequestSpec spec, bool close)
    {
        // The parser refuses these already; this is the last line before the socket, so a caller that skipped
        // Unsupported still cannot write a CR/LF that starts a header of its own.
        if (Unsupported(spec) is { } why)
        {
            throw new ArgumentException($"cannot encode the request: {why}", nameof(spec));
        }

        var method = spec.Method.ToUpperInvariant();
        var body = spec.Body is null ? null : Encoding.UTF8.GetBytes(spec.Body);
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(spec.Url.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(spec.Url.Authority).Append("\r\n");
        foreach (var (name, value) in spec.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            // As HttpStep: text/plain when the scenario gives none.
            head.Append("Content-Type: ").Append(spec.ContentType ?? "text/plain").Append("\r\n");
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        else if (method is "POST" or "PUT" or "PATCH")
        {
            // HttpClient announces an empty body for methods that expect one.
            head.Append("Content-Length: 0\r\n");
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return body is null ? headBytes : [.. headBytes, .. body];
    }
}
