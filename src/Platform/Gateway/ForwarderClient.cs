using System.Net;
using System.Net.Sockets;

namespace Harness.Platform.Gateway;

/// <summary>
/// The one HTTP client every invocation goes through: pooled keep-alive connections to replicas, and none of the
/// client conveniences a proxy must not have (proxy, redirects, decompression, cookies, trace headers).
/// </summary>
internal sealed class ForwarderClient : IDisposable
{
    public ForwarderClient()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // OpenFaaS keeps 1024 idle connections per host for 90 s (openfaas/faas#1033): connection churn costs more than idle sockets.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
            ConnectCallback = ConnectAsync,
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    /// <summary>TCP as the handler would connect (no Nagle), or the replica's Unix socket when its host names one.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var unix = UnixSocketHost.TryDecode(context.DnsEndPoint.Host, out var path);
        var socket = unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(unix ? new UnixDomainSocketEndPoint(path!) : context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
