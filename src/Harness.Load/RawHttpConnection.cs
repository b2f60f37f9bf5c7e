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
            var head = RawHttpHead.Parse(buffer.AsSpan(start, headerLength));
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
