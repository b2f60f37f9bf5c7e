using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Platform.Tests.Http11;

/// <summary>
/// An HTTP/1.1 server written at the byte level, so that a test decides exactly what goes on the wire: each request
/// (head and body, chunked or by length, as received) is recorded, and <see cref="Respond"/> returns the raw bytes to
/// answer with and whether to close afterwards.
/// </summary>
internal sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _sockets = [];
    private readonly Task _accepting;
    private int _connections;

    public ScriptedUpstream(Func<RecordedRequest, Reply> respond)
    {
        Respond = respond;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    public Func<RecordedRequest, Reply> Respond { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Closes every open connection (as a server does with idle ones) without stopping the listener.</summary>
    public void DropConnections()
    {
        foreach (var socket in _sockets)
        {
            socket.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _sockets.Add(socket);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffered = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var head = await ReadUntilAsync(socket, buffered, chunk, "\r\n\r\n"u8.ToArray());
                if (head is null)
                {
                    return;
                }

                var headText = Encoding.Latin1.GetString(head);
                var lines = headText.Split("\r\n");
                var headers = lines.Skip(1).Where(l => l.Length > 0)
                    .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
                var body = new List<byte>();
                var length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
                var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
                if (chunked)
                {
                    while (true)
                    {
                        var sizeLine = Encoding.Latin1.GetString((await ReadUntilAsync(socket, buffered, chunk, "\r\n"u8.ToArray()))!);
                        var size = Convert.ToInt32(sizeLine.Split(';')[0], 16);
                        if (size == 0)
                        {
                            await ReadUntilAsync(socket, buffered, chunk, "\r\n"u8.ToArray());
                            break;
                        }

                        body.AddRange(await ReadExactlyAsync(socket, buffered, chunk, size + 2));
                        body.RemoveRange(body.Count - 2, 2);
                    }
                }
                else if (length is not null)
                {
                    body.AddRange(await ReadExactlyAsync(socket, buffered, chunk, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)));
                }

                var request = new RecordedRequest(lines[0], headers, body.ToArray(), chunked, Connections);
                Requests.Enqueue(request);
                var reply = Respond(request);
                foreach (var part in reply.Parts)
                {
                    await socket.SendAsync(part, SocketFlags.None);
                    if (reply.PauseBetweenParts is { } pause)
                    {
                        await pause;
                    }
                }

                if (reply.Close)
                {
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static async Task<byte[]?> ReadUntilAsync(Socket socket, List<byte> buffered, byte[] chunk, byte[] terminator)
    {
        while (true)
        {
            var index = IndexOf(buffered, terminator);
            if (index >= 0)
            {
                var result = buffered.GetRange(0, index).ToArray();
                buffered.RemoveRange(0, index + terminator.Length);
                return result;
            }

            var read = await socket.ReceiveAsync(chunk, SocketFlags.None);
            if (read == 0)
            {
                return null;
            }

            buffered.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, List<byte> buffered, byte[] chunk, int count)
    {
        while (buffered.Count < count)
        {
            var read = await socket.ReceiveAsync(chunk, SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("closed in a body");
            }

            buffered.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var result = buffered.GetRange(0, count).ToArray();
        buffered.RemoveRange(0, count);
        return result;
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
