using System.Buffers.Text;
using System.Net.Http;
using System.Text;

namespace Harness.Load;

/// <summary>The head of an HTTP/1.x response as the fast path reads it: status, reason (failures only), framing and keep-alive.</summary>
/// <remarks>Malformed heads throw the <see cref="HttpRequestException"/> HttpClient raises for them (counted as error_other).</remarks>
internal readonly record struct RawHttpHead(int Status, string? Reason, long? ContentLength, bool Chunked, bool KeepAlive)
{
    /// <summary>Parses a complete header block (status line to the blank line); <paramref name="withReason"/> false skips decoding a failure's reason.</summary>
    public static RawHttpHead Parse(ReadOnlySpan<byte> block, bool withReason = true)
    {
        var lineEnd = block.IndexOf("\r\n"u8);
        var statusLine = block[..lineEnd];
        // "HTTP/1.x SSS reason"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var used) || used != 3 || status < 100)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server sent an invalid status line");
        }

        var http10 = statusLine[7] == (byte)'0';
        // Only a failure reports its reason: decoding it for every 200 would be a string per request.
        var reason = !withReason || status < 400 ? null : statusLine.Length > 13 ? Encoding.ASCII.GetString(statusLine[13..]) : "";
        long? contentLength = null;
        var chunked = false;
        var keepAlive = !http10;
        var rest = block[(lineEnd + 2)..];
        while (rest.Length > 2)
        {
            var next = rest.IndexOf("\r\n"u8);
            var line = rest[..next];
            rest = rest[(next + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server sent an invalid header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long n, out var consumed) || consumed != value.Length || n < 0)
                {
                    throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server sent an invalid Content-Length");
                }

                contentLength = n;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = EndsWithToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                if (ContainsToken(value, "close"u8))
                {
                    keepAlive = false;
                }
                else if (ContainsToken(value, "keep-alive"u8))
                {
                    keepAlive = true;
                }
            }
        }

        return new RawHttpHead(status, reason, chunked ? null : contentLength, chunked, keepAlive);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var comma = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(comma + 1)..].Trim(" \t"u8), token);
    }
}
