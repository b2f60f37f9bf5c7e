using System.Buffers.Text;
using System.Net.Http;

namespace Harness.Load;

/// <summary>
/// The fast path's response parser: fed whatever <c>recv</c> returned, it finds the head (status, framing, keep-alive) and
/// the end of the body (Content-Length, chunked with trailers, or the end of the connection), counting body bytes without keeping them.
/// </summary>
/// <remarks>1xx interim responses are skipped; HEAD, 204 and 304 have no body. It never awaits: the event loop feeds it, and <see cref="RawHttpConnection"/> awaits receives for it. One instance per connection.</remarks>
internal sealed class RawHttpResponseReader
{
    private const int MaxHeaderBytes = 64 * 1024;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private State state;
    private long remaining;
    private bool isHead;
    private bool withReason;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        ToEnd,
        Done,
    }

    /// <summary>The final status (valid once <see cref="Advance"/> returned true).</summary>
    public int Status { get; private set; }

    /// <summary>Decoded body bytes so far.</summary>
    public long BodyBytes { get; private set; }

    /// <summary>Whether the connection may carry the next request.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>True once a byte of the current response arrived.</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>True when the body runs to the end of the connection: an end of stream then completes the response.</summary>
    public bool EndsAtClose => state == State.ToEnd;

    /// <summary>A failure's reason phrase, when <see cref="Reset"/> asked for it (null for a status below 400).</summary>
    public string? Reason { get; private set; }

    /// <summary>Starts reading a new response (to a HEAD request when <paramref name="head"/>; with a failure's reason phrase when <paramref name="withReason"/>).</summary>
    public void Reset(bool head, bool withReason = false)
    {
        isHead = head;
        this.withReason = withReason;
        Reason = null;
        state = State.Head;
        Status = 0;
        BodyBytes = 0;
        KeepAlive = false;
        ReceivedAny = false;
        remaining = 0;
        start = end = 0;
    }

    /// <summary>Where the next <c>recv</c> goes: after the unread bytes, compacting or growing the buffer first.</summary>
    public Span<byte> FreeSpace() => FreeMemory().Span;

    /// <summary>As <see cref="FreeSpace"/>, for an asynchronous receive.</summary>
    public Memory<byte> FreeMemory()
    {
        if (start == end)
        {
            start = end = 0;
        }
        else if (end == buffer.Length)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return buffer.AsMemory(end);
    }

    /// <summary>Takes <paramref name="received"/> bytes written into <see cref="FreeSpace"/>.</summary>
    public void Commit(int received)
    {
        end += received;
        ReceivedAny |= received > 0;
    }

    /// <summary>Consumes what is buffered; true when the response is complete. Throws <see cref="HttpRequestException"/> on a malformed one.</summary>
    public bool Advance()
    {
        while (true)
        {
            switch (state)
            {
                case State.Head:
                    if (!TryLine("\r\n\r\n"u8, out var headLength, "the response headers exceed 64 KB", HttpRequestError.ConfigurationLimitExceeded))
                    {
                        return false;
                    }

                    var head = RawHttpHead.Parse(buffer.AsSpan(start, headLength + 4), withReason);
                    start += headLength + 4;
                    if (head.Status is >= 100 and < 200 && head.Status != 101)
                    {
                        continue;
                    }

                    Status = head.Status;
                    Reason = head.Reason;
                    KeepAlive = head.KeepAlive && head.Status != 101;
                    if (isHead || head.Status is 204 or 304 or 101)
                    {
                        state = State.Done;
                    }
                    else if (head.Chunked)
                    {
                        state = State.ChunkSize;
                    }
                    else if (head.ContentLength is { } length)
                    {
                        (state, remaining) = (State.Body, length);
                    }
                    else
                    {
                        // No framing: the body runs to the end of the connection, which then cannot be reused.
                        (state, KeepAlive) = (State.ToEnd, false);
                    }

                    break;
                case State.Body:
                case State.ChunkData:
                    var take = (int)Math.Min(remaining, end - start);
                    (start, remaining) = (start + take, remaining - take);
                    BodyBytes += take;
                    if (remaining > 0)
                    {
                        return false;
                    }

                    state = state == State.Body ? State.Done : State.ChunkEnd;
                    break;
                case State.ChunkSize:
                    if (!TryLine("\r\n"u8, out var lineLength, "a chunk line is too long", HttpRequestError.InvalidResponse))
                    {
                        return false;
                    }

                    remaining = ChunkSize(buffer.AsSpan(start, lineLength));
                    start += lineLength + 2;
                    state = remaining == 0 ? State.Trailers : State.ChunkData;
                    break;
                case State.ChunkEnd:
                    if (end - start < 2)
                    {
                        return false;
                    }

                    if (buffer[start] != (byte)'\r' || buffer[start + 1] != (byte)'\n')
                    {
                        throw new HttpRequestException(HttpRequestError.InvalidResponse, "a chunk did not end with CRLF");
                    }

                    start += 2;
                    state = State.ChunkSize;
                    break;
                case State.Trailers:
                    if (!TryLine("\r\n"u8, out var trailer, "a trailer line is too long", HttpRequestError.InvalidResponse))
                    {
                        return false;
                    }

                    start += trailer + 2;
                    if (trailer == 0)
                    {
                        state = State.Done;
                    }

                    break;
                case State.ToEnd:
                    BodyBytes += end - start;
                    start = end;
                    return false;
                default:
                    return true;
            }
        }
    }

    /// <summary>Bytes after a complete response (a server that answers more than it was asked): such a connection is not reused.</summary>
    public bool HasExtraBytes => state == State.Done && end > start;

    private bool TryLine(ReadOnlySpan<byte> terminator, out int length, string tooLong, HttpRequestError error)
    {
        length = buffer.AsSpan(start, end - start).IndexOf(terminator);
        if (length >= 0)
        {
            return true;
        }

        if (end - start >= MaxHeaderBytes)
        {
            throw new HttpRequestException(error, tooLong);
        }

        return false;
    }

    private static long ChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        var text = (semicolon >= 0 ? line[..semicolon] : line).Trim(" \t"u8);
        if (!Utf8Parser.TryParse(text, out long size, out var used, 'x') || used != text.Length || size < 0)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server sent an invalid chunk size");
        }

        return size;
    }
}
