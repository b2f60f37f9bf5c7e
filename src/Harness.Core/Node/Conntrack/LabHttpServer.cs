using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Node.Conntrack;

/// <summary>
/// A tiny HTTP/1.1 endpoint that answers every request with 200 and <c>Connection: close</c>, standing in for a function.
/// Its listening socket is created inside the server namespace; accepted connections inherit it.
/// </summary>
internal sealed class LabHttpServer : IAsyncDisposable
{
    private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n");
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _served;

    private LabHttpServer(Socket listener)
    {
        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public long Served => Interlocked.Read(ref _served);

    public static async Task<LabHttpServer> StartAsync(NetnsThread serverNs, IPAddress address, int port)
    {
        var listener = await serverNs.RunAsync(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(4096);
            return socket;
        }).ConfigureAwait(false);
        return new LabHttpServer(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var buffer = new byte[4096];
                var filled = 0;
                while (filled < buffer.Length)
                {
                    var read = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    if (buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) >= 0)
                    {
                        break;
                    }
                }

                await connection.SendAsync(Response, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _served);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // A client that timed out or went away: nothing to serve.
            }
        }
    }
}
