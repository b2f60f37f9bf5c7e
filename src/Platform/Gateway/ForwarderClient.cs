using System.Net;

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
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
