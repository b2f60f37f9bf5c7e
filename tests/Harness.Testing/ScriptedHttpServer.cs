using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Testing;

/// <summary>
/// A raw TCP HTTP/1.1 server on loopback whose answer is chosen by the request path, for testing clients against exact
/// wire behaviour: <c>/ok</c> (Content-Length), <c>/chunked</c>, <c>/error</c> (503), <c>/eof</c> (body ends with the
/// connection), <c>/close</c> (closes without answering), <c>/reset</c> (RST without answering), <c>/hang</c> (never answers).
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<Task> connections = [];
    private readonly Task accepting;
    private int accepted;

    private ScriptedHttpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The request heads received, in arrival order (request line and headers, without the body).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Starts listening on a port the kernel picks.</summary>
    public static ScriptedHttpServer Start() => new();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var have = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, stop.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    have += n;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                Requests.Enqueue(head);
                var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                var consumed = headEnd + 4 + length;
                while (have < consumed)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, stop.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    have += n;
                }

                Buffer.BlockCopy(buffer, consumed, buffer, 0, have - consumed);
                have -= consumed;
                var path = head.Split(' ')[1];
                var keepAlive = !head.Contains("Connection: close", StringComparison.OrdinalIgnoreCase);
                switch (path)
                {
                    case "/ok":
                        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello").ConfigureAwait(false);
                        break;
                    case "/chunked":
                        await SendAsync(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n").ConfigureAwait(false);
                        break;
                    case "/error":
                        await SendAsync(socket, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy").ConfigureAwait(false);
                        break;
                    case "/eof":
                        await SendAsync(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end").ConfigureAwait(false);
                        return;
                    case "/close":
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                    case "/reset":
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    case "/big":
                        // Larger than the fast path's 16 KB buffer: the body is skipped across many reads.
                        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + new string('x', 100_000)).ConfigureAwait(false);
                        break;
                    case "/nocontent":
                        await SendAsync(socket, "HTTP/1.1 204 No Content\r\n\r\n").ConfigureAwait(false);
                        break;
                    case "/continue":
                        await SendAsync(socket, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew").ConfigureAwait(false);
                        break;
                    case "/trickle":
                        // One byte per send: the response arrives in pieces a parser must put together.
                        foreach (var b in Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
                        {
                            await socket.SendAsync(new[] { b }, SocketFlags.None, stop.Token).ConfigureAwait(false);
                        }

                        break;
                    case "/once":
                        // Answers as if the connection stayed open, then closes it: the client's next request on it must go to a new one.
                        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").ConfigureAwait(false);
                        return;
                    case "/hang":
                        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                        return;
                    default:
                        await SendAsync(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").ConfigureAwait(false);
                        break;
                }

                if (!keepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private Task SendAsync(Socket socket, string response) => socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, stop.Token).AsTask();

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await accepting.ConfigureAwait(false);
        await Task.WhenAll(connections).ConfigureAwait(false);
        stop.Dispose();
    }
}
