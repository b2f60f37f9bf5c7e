using System.Buffers;
using System.Globalization;
using System.Net.Sockets;

namespace Harness.Platform.Http11;

/// <summary>
/// One kept-alive connection to a replica: writes a request, reads the response head, then the body with its framing
/// undone (chunks decoded), one response at a time. Reusable only when the body was read to its end and the server
/// did not ask to close.
/// </summary>
internal sealed class Http11Connection : IDisposable
{
    private const int BufferSize = 16 * 1024;
    private const int MaxHeadSize = 64 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private Http11Framing _framing;
    private long _remaining;
    private bool _bodyDone = true;
    private bool _keepAlive;
    private bool _broken;

    public Http11Connection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>Whether this connection has served a response before (a failure on it may be a stale close).</summary>
    public bool Reused { get; private set; }

    /// <summary>When the connection was last put back idle (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long IdleSince { get; set; }

    public bool CanReuse => !_broken && _keepAlive && _bodyDone && _start == _end;

    /// <summary>Whether any byte of the current response has arrived (after that, a failure is not a stale connection).</summary>
    public bool ResponseStarted { get; private set; }

    /// <summary>Whether the current response's body has more to read.</summary>
    public bool BodyPending => !_bodyDone;

    /// <summary>Whether bytes are buffered that the next body read returns without waiting.</summary>
    public bool HasBuffered => _start < _end;

    /// <summary>Starts a request: until its response head is read, the connection is not reusable.</summary>
    public void BeginRequest()
    {
        _keepAlive = false;
        ResponseStarted = false;
    }

    /// <summary>Whether the server closed or wrote while idle; either way the connection cannot carry a request.</summary>
    public bool ClosedWhileIdle()
    {
        try
        {
            // Readable while idle means end of stream, a reset, or bytes no request asked for: none leaves it usable.
            return _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (data.Length > 0)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>Reads up to the end of the next final (non-1xx) response head and prepares the body reader.</summary>
    public async ValueTask<Http11ResponseHead> ReadHeadAsync(bool headRequest, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var headEnd = await FillUntilHeadEndAsync(cancellationToken).ConfigureAwait(false);
                var headBytes = _buffer.AsSpan(_start, headEnd - _start);
                if (!Http11HeadParser.TryParse(headBytes, headRequest, out var head, out var error))
                {
                    throw new Http11ProtocolException(error);
                }

                _start = headEnd + 4;
                if (head!.Status is >= 100 and < 200 and not 101)
                {
                    // 100 Continue and 103 Early Hints precede the real answer; a proxy that does not relay them skips them.
                    continue;
                }

                _framing = head.Framing;
                _remaining = head.Framing == Http11Framing.Length ? head.ContentLength : 0;
                _bodyDone = head.Framing == Http11Framing.None;
                _keepAlive = head.KeepAlive && head.Status != 101;
                Reused = true;
                return head;
            }
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>Copies the next body bytes into <paramref name="destination"/>; 0 once the body has ended.</summary>
    public async ValueTask<int> ReadBodyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            while (!_bodyDone)
            {
                switch (_framing)
                {
                    case Http11Framing.Length:
                    {
                        var read = await ReadRawAsync(destination[..(int)Math.Min(destination.Length, _remaining)], cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new Http11ProtocolException("the upstream closed before the end of the body");
                        }

                        _remaining -= read;
                        _bodyDone = _remaining == 0;
                        return read;
                    }

                    case Http11Framing.UntilClose:
                    {
                        var read = await ReadRawAsync(destination, cancellationToken).ConfigureAwait(false);
                        _bodyDone = read == 0;
                        return read;
                    }

                    case Http11Framing.Chunked when _remaining > 0:
                    {
                        var read = await ReadRawAsync(destination[..(int)Math.Min(destination.Length, _remaining)], cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new Http11ProtocolException("the upstream closed inside a chunk");
                        }

                        _remaining -= read;
                        if (_remaining == 0)
                        {
                            await ExpectLineEndAsync(cancellationToken).ConfigureAwait(false);
                        }

                        return read;
                    }

                    case Http11Framing.Chunked:
                        await ReadChunkSizeAsync(cancellationToken).ConfigureAwait(false);
                        break;

                    default:
                        _bodyDone = true;
                        break;
                }
            }

            return 0;
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>Ends the connection in both directions: a read or write in progress on it fails, and it is never reused.</summary>
    public void Abort()
    {
        _broken = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to end.
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Buffered bytes first; a read straight into the destination when nothing is buffered.</summary>
    private async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            var count = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, count).CopyTo(destination);
            _start += count;
            return count;
        }

        return await _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Index of the blank line's CRLFCRLF, reading more until it is buffered.</summary>
    private async ValueTask<int> FillUntilHeadEndAsync(CancellationToken cancellationToken)
    {
        // Counted from _start, which a compaction moves: the bytes already known not to hold the end.
        var scanned = 0;
        while (true)
        {
            var found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf("\r\n\r\n"u8);
            if (found >= 0)
            {
                return _start + scanned + found;
            }

            scanned = Math.Max(0, _end - _start - 3);
            if (await FillAsync(MaxHeadSize, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new Http11ProtocolException(_start == _end
                    ? "the upstream closed the connection without a response"
                    : "the upstream closed the connection inside the response head");
            }
        }
    }

    /// <summary>Reads more into the buffer (compacting, or growing up to <paramref name="limit"/>); the count read, 0 at end of stream.</summary>
    private async ValueTask<int> FillAsync(int limit, CancellationToken cancellationToken)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length >= limit)
            {
                throw new Http11ProtocolException($"the response head is larger than {limit / 1024} KiB");
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit, _buffer.Length * 2));
                _buffer.AsSpan(0, _end).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        ResponseStarted |= read > 0;
        return read;
    }

    private async ValueTask<int> FillLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                return _start + found;
            }

            if (_end - _start > 4096)
            {
                throw new Http11ProtocolException("a chunk line is too long");
            }

            if (await FillAsync(BufferSize, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new Http11ProtocolException("the upstream closed inside a chunked body");
            }
        }
    }

    private async ValueTask ExpectLineEndAsync(CancellationToken cancellationToken)
    {
        var lineEnd = await FillLineAsync(cancellationToken).ConfigureAwait(false);
        if (lineEnd != _start)
        {
            throw new Http11ProtocolException("a chunk is longer than its size");
        }

        _start += 2;
    }

    /// <summary>Reads a chunk-size line; at the last chunk, skips the trailer fields and ends the body.</summary>
    private async ValueTask ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        var lineEnd = await FillLineAsync(cancellationToken).ConfigureAwait(false);
        var line = _buffer.AsSpan(_start, lineEnd - _start);
        var extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
        if (digits.Length == 0 || digits.Length > 15
            || !long.TryParse(System.Text.Encoding.ASCII.GetString(digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw new Http11ProtocolException("invalid chunk size");
        }

        _start = lineEnd + 2;
        if (size > 0)
        {
            _remaining = size;
            return;
        }

        // Trailer fields are dropped (the forwarder relays none); read up to the empty line that ends them.
        while (true)
        {
            var end = await FillLineAsync(cancellationToken).ConfigureAwait(false);
            var empty = end == _start;
            _start = end + 2;
            if (empty)
            {
                _bodyDone = true;
                return;
            }
        }
    }
}
