using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Harness.Load;

/// <summary>
/// One HTTP/1.1 connection of the fast path on async sockets: sends pre-encoded request bytes and reads the response with
/// <see cref="RawHttpResponseReader"/> (the event loop's parser), counting body bytes without keeping them.
/// </summary>
/// <remarks>Failures surface as the exceptions HttpClient raises for them, so <see cref="ErrorClassifier"/> names them alike.</remarks>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket socket;
    private readonly RawHttpResponseReader reader = new();

    private RawHttpConnection(Socket socket) => this.socket = socket;

    /// <summary>True once an exchange completed on this connection (a pooled connection the server may have closed meanwhile).</summary>
    public bool Reused { get; private set; }

    /// <summary>True when the current exchange has received at least one byte.</summary>
    public bool ReceivedAny => reader.ReceivedAny;

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
        reader.Reset(isHead, withReason: true);
        var sent = 0;
        while (sent < request.Length)
        {
            sent += await socket.SendAsync(request[sent..], SocketFlags.None, token).ConfigureAwait(false);
        }

        while (!reader.Advance())
        {
            var n = await socket.ReceiveAsync(reader.FreeMemory(), SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0)
            {
                if (reader.EndsAtClose)
                {
                    break;
                }

                throw Ended();
            }

            reader.Commit(n);
        }

        Reused = true;
        // Bytes beyond the response (more than was asked for) leave the connection in an unknown state: not reused.
        return new RawHttpResult(reader.Status, reader.Reason, reader.BodyBytes, reader.KeepAlive && !reader.HasExtraBytes);
    }

    public void Dispose() => socket.Dispose();

    // As HttpClient when the peer closes mid-response: counted as error_reset.
    private static HttpRequestException Ended() => new(HttpRequestError.ResponseEnded, "the server closed the connection before the response was complete");
}
