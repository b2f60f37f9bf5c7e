using System.Buffers.Text;
using System.Text;

namespace Harness.Platform.Http11;

/// <summary>
/// Parses a response head (status line and header fields, without the blank line that ends them) and decides how its
/// body is framed. Strict where a lenient reading would let a response smuggle another: conflicting Content-Length
/// values, obsolete line folding and whitespace before a colon are errors.
/// </summary>
internal static class Http11HeadParser
{
    // Names whose strings are reused rather than allocated per response: what watchdogs, Python servers and nginx send.
    private static readonly string[] KnownNames =
    [
        "Content-Type", "Content-Length", "Date", "Server", "Connection", "Transfer-Encoding", "Keep-Alive",
        "X-Duration-Seconds", "Cache-Control", "X-Call-Id", "X-Start-Time", "Content-Encoding", "Location",
    ];

    public static bool TryParse(ReadOnlySpan<byte> head, bool headRequest, out Http11ResponseHead? result, out string error)
    {
        result = null;
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || (statusLine[7] != (byte)'0' && statusLine[7] != (byte)'1')
            || (statusLine.Length > 12 && statusLine[12] != (byte)' ')
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100)
        {
            error = "malformed status line";
            return false;
        }

        var http11 = statusLine[7] == (byte)'1';
        var keepAlive = http11;
        var headers = new List<KeyValuePair<string, string>>(8);
        long contentLength = -1;
        var chunked = false;
        var transferEncoding = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t')
            {
                error = "malformed header line";
                return false;
            }

            var name = Name(line[..colon]);
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                    || (contentLength >= 0 && contentLength != length))
                {
                    error = "invalid Content-Length";
                    return false;
                }

                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = true;
                chunked = value.AsSpan().TrimEnd().EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                if (HopByHopHeaders.NamedIn(value, "close"))
                {
                    keepAlive = false;
                }
                else if (!http11 && HopByHopHeaders.NamedIn(value, "keep-alive"))
                {
                    keepAlive = true;
                }
            }

            headers.Add(new KeyValuePair<string, string>(name, value));
        }

        Http11Framing framing;
        if (headRequest || status < 200 || status is 204 or 304)
        {
            framing = Http11Framing.None;
        }
        else if (transferEncoding)
        {
            // A response whose last coding is not chunked runs until the connection closes (RFC 9112 §6.3 item 4).
            framing = chunked ? Http11Framing.Chunked : Http11Framing.UntilClose;
        }
        else if (contentLength >= 0)
        {
            framing = contentLength == 0 ? Http11Framing.None : Http11Framing.Length;
        }
        else
        {
            framing = Http11Framing.UntilClose;
        }

        if (framing == Http11Framing.UntilClose)
        {
            keepAlive = false;
        }

        result = new Http11ResponseHead(status, headers, framing, transferEncoding ? -1 : contentLength, keepAlive);
        error = "";
        return true;
    }

    private static string Name(ReadOnlySpan<byte> bytes)
    {
        foreach (var known in KnownNames)
        {
            if (known.Length == bytes.Length && Ascii.EqualsIgnoreCase(bytes, known))
            {
                return known;
            }
        }

        return Encoding.Latin1.GetString(bytes);
    }
}
