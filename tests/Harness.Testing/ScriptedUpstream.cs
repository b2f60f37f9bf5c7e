using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Testing;

/// <summary>
/// An HTTP/1.1 server on loopback written at the byte level, so that a test decides exactly what goes on the wire: each
/// request (head and body, by length or chunked, as received) is recorded, and <see cref="Respond"/> returns the raw
/// bytes to answer with and how the connection ends. A request that says <c>Connection: close</c> has its connection
/// closed after the answer, as a server does.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly Task _accepting;
    private int _accepted;

    /// <summary>Starts listening on a port the kernel picks; <paramref name="respond"/> answers every request.</summary>
    public ScriptedUpstream(Func<RecordedRequest, Reply> respond)
    {
        Respond = respond;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The script: called once per request, after its body has been read.</summary>
    public Func<RecordedRequest, Reply> Respond { get; set; }

    /// <summary>The requests received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Closes every open connection (as a server does with idle ones) without stopping the listener.</summary>
    public void DropConnections()
    {
        foreach (var socket in _connections.Keys)
        {
            socket.Close();
        }
    }

    /// <summary>Stops listening, closes every connection and waits for their handlers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        DropConnections();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _accepted);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = ServeAfterAsync(started.Task, socket, number);
            started.SetResult();
        }
    }

    private async Task ServeAfterAsync(Task registered, Socket socket, int number)
    {
        // The handler starts once it is registered, so that DropConnections and DisposeAsync always see it.
        await registered.ConfigureAwait(false);
        await ServeAsync(socket, number).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket socket, int number)
    {
        var input = new Input(socket, _stop.Token);
        try
        {
            while (true)
            {
                var head = await input.ReadUntilAsync("\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                var headText = Encoding.Latin1.GetString(head);
                var headers = headText.Split("\r\n").Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                    .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                    .ToList();
                var request = new RecordedRequest(headText, headers, [], false, number);
                var chunked = request.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
                var body = chunked ? await ReadChunkedAsync(input).ConfigureAwait(false)
                    : request.Header("Content-Length") is { } length ? await input.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture)).ConfigureAwait(false)
                    : [];
                request = request with { Body = body, Chunked = chunked };
                Requests.Enqueue(request);
                var reply = Respond(request);
                for (var i = 0; i < reply.Parts.Count; i++)
                {
                    if (i > 0 && reply.PauseBetweenParts is { } pause)
                    {
                        await pause.WaitAsync(_stop.Token).ConfigureAwait(false);
                    }

                    await socket.SendAsync(reply.Parts[i], SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }

                switch (reply.End)
                {
                    case ReplyEnd.Close:
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                    case ReplyEnd.Reset:
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    case ReplyEnd.Hang:
                        await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                        return;
                }

                if (request.Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) == true)
                {
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            _connections.TryRemove(socket, out _);
            socket.Dispose();
        }
    }

    private static async Task<byte[]> ReadChunkedAsync(Input input)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await input.ReadUntilAsync("\r\n"u8.ToArray()).ConfigureAwait(false) ?? throw new IOException("closed in a chunk size");
            var size = Convert.ToInt32(Encoding.Latin1.GetString(sizeLine).Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                // Trailers, if any, up to the blank line.
                while ((await input.ReadUntilAsync("\r\n"u8.ToArray()).ConfigureAwait(false) ?? throw new IOException("closed in the trailers")).Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await input.ReadExactlyAsync(size).ConfigureAwait(false));
            await input.ReadExactlyAsync(2).ConfigureAwait(false);
        }
    }

    /// <summary>A connection's received bytes, buffered: what a request needs is taken from the front.</summary>
    private sealed class Input(Socket socket, CancellationToken token)
    {
        private byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<byte[]?> ReadUntilAsync(byte[] terminator)
        {
            while (true)
            {
                var index = _buffer.AsSpan(_start, _end - _start).IndexOf(terminator);
                if (index >= 0)
                {
                    var result = _buffer.AsSpan(_start, index).ToArray();
                    _start += index + terminator.Length;
                    return result;
                }

                if (!await FillAsync().ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync().ConfigureAwait(false))
                {
                    throw new IOException("closed in a body");
                }
            }

            var result = _buffer.AsSpan(_start, count).ToArray();
            _start += count;
            return result;
        }

        private async Task<bool> FillAsync()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, token).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
