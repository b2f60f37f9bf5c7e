using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Harness.Load;

/// <summary>
/// One HTTP/1.1 connection of the fast path: sends pre-encoded request bytes and reads the response with a minimal parser
/// (status line, Content-Length or chunked body, keep-alive), counting body bytes without keeping them.
/// </summary>
/// <remarks>Failures surface as the exceptions HttpClient raises for them, so <see cref="ErrorClassifier"/> names them alike.</remarks>
internal sealed class RawHttpConnection : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly Socket socket;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    private RawHttpConnection(Socket socket) => this.socket = socket;

    /// <summary>True once an exchange completed on this connection (a pooled connection the server may have closed meanwhile).</summary>
    public bool Reused { get; private set; }

    /// <summary>True when the current exchange has received at least one byte.</summary>
    public bool ReceivedAny { get; private set; }

    public static async Task<RawHttpConnection> ConnectAsync(EndPoint endPoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = endPoint is IPEndPoint ip ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectLimit.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(endPoint, connectLimit.Token).ConfigureAwait(false);
            return new RawHttpConnection(socket);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            // As SocketsHttpHandler's ConnectTimeout: a TimeoutException, counted as error_timeout.
            throw new TimeoutException($"the connection could not be established within {Durations.Format(connectTimeout)}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and reads one complete response (skipping 1xx interim ones).</summary>
    // Pooled state machines (here and below): they run once or more per request and would otherwise allocate whenever they wait.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawHttpResult> ExchangeAsync(ReadOnlyMemory<byte> request, bool isHead, CancellationToken token)
    {
        ReceivedAny = false;
        var sent = 0;
        while (sent < request.Length)
        {
            sent += await socket.SendAsync(request[sent..], SocketFlags.None, token).ConfigureAwait(false);
        }

        while (true)
        {
            var headerLength = await ReadHeadersAsync(token).ConfigureAwait(false);
            var head = ParseHead(buffer.AsSpan(start, headerLength));
            start += headerLength;
            if (head.Status is >= 100 and < 200 && head.Status != 101)
            {
                continue;
            }

            long body;
            var keepAlive = head.KeepAlive;
            if (isHead || head.Status is 204 or 304 or 101)
            {
                body = 0;
            }
            else if (head.Chunked)
            {
                body = await SkipChunkedAsync(token).ConfigureAwait(false);
            }
            else if (head.ContentLength is { } length)
            {
                await SkipAsync(length, token).ConfigureAwait(false);
                body = length;
            }
            else
            {
                // No framing: the body runs to the end of the connection, which then cannot be reused.
                body = await SkipToEndAsync(token).ConfigureAwait(false);
                keepAlive = false;
            }

            Reused = true;
            return new RawHttpResult(head.Status, head.Status >= 400 ? head.Reason : null, body, keepAlive && head.Status != 101);
        }
    }

    public void Dispose() => socket.Dispose();

    private readonly record struct Head(int Status, string? Reason, long? ContentLength, bool Chunked, bool KeepAlive);

    private static Head ParseHead(ReadOnlySpan<byte> block)
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
        var reason = status < 400 ? null : statusLine.Length > 13 ? Encoding.ASCII.GetString(statusLine[13..]) : "";
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

        return new Head(status, reason, chunked ? null : contentLength, chunked, keepAlive);
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

    /// <summary>Receives until the buffer holds the whole header block; returns its length including the blank line.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadHeadersAsync(CancellationToken token)
    {
        while (true)
        {
            var at = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                return at + 4;
            }

            if (end - start >= MaxHeaderBytes)
            {
                throw new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, $"the response headers exceed {MaxHeaderBytes / 1024} KB");
            }

            await FillAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a chunked body to its end (trailers included) and returns the decoded size.</summary>
    private async ValueTask<long> SkipChunkedAsync(CancellationToken token)
    {
        long total = 0;
        while (true)
        {
            var line = await ReadLineAsync(token).ConfigureAwait(false);
            var sizeText = buffer.AsSpan(start, line);
            var semicolon = sizeText.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeText = sizeText[..semicolon];
            }

            if (!Utf8Parser.TryParse(sizeText.Trim(" \t"u8), out long size, out var used, 'x') || used != sizeText.Trim(" \t"u8).Length || size < 0)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server sent an invalid chunk size");
            }

            start += line + 2;
            if (size == 0)
            {
                // Trailers, up to the blank line that ends the message.
                while (true)
                {
                    var trailer = await ReadLineAsync(token).ConfigureAwait(false);
                    start += trailer + 2;
                    if (trailer == 0)
                    {
                        return total;
                    }
                }
            }

            await SkipAsync(size, token).ConfigureAwait(false);
            total += size;
            while (end - start < 2)
            {
                await FillAsync(token).ConfigureAwait(false);
            }

            if (buffer[start] != (byte)'\r' || buffer[start + 1] != (byte)'\n')
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "a chunk did not end with CRLF");
            }

            start += 2;
        }
    }

    /// <summary>The length of the next line (without its CRLF), receiving until it is complete.</summary>
    private async ValueTask<int> ReadLineAsync(CancellationToken token)
    {
        while (true)
        {
            var at = buffer.AsSpan(start, end - start).IndexOf("\r\n"u8);
            if (at >= 0)
            {
                return at;
            }

            if (end - start >= MaxHeaderBytes)
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "a chunk line is too long");
            }

            await FillAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Consumes <paramref name="count"/> body bytes: what is buffered first, then straight from the socket.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SkipAsync(long count, CancellationToken token)
    {
        var buffered = (int)Math.Min(count, end - start);
        start += buffered;
        count -= buffered;
        if (start == end)
        {
            start = end = 0;
        }

        while (count > 0)
        {
            var n = await ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(count, buffer.Length)), token).ConfigureAwait(false);
            if (n == 0)
            {
                throw Ended();
            }

            count -= n;
        }
    }

    private async ValueTask<long> SkipToEndAsync(CancellationToken token)
    {
        long total = end - start;
        start = end = 0;
        int n;
        while ((n = await ReceiveAsync(buffer, token).ConfigureAwait(false)) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>Receives more bytes after those buffered, compacting or growing the buffer first; a closed connection is an error here.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken token)
    {
        if (start > 0 && end == buffer.Length)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var n = await ReceiveAsync(buffer.AsMemory(end), token).ConfigureAwait(false);
        if (n == 0)
        {
            throw Ended();
        }

        end += n;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken token)
    {
        var n = await socket.ReceiveAsync(into, SocketFlags.None, token).ConfigureAwait(false);
        if (n > 0)
        {
            ReceivedAny = true;
        }

        return n;
    }

    // As HttpClient when the peer closes mid-response: counted as error_reset.
    private static HttpRequestException Ended() => new(HttpRequestError.ResponseEnded, "the server closed the connection before the response was complete");
}
