using System.Net;
using System.Net.Security;

namespace Harness.Load;

/// <summary>Builds the HTTP client a load step uses, following a <see cref="ConnectionPolicy"/>.</summary>
public static class LoadHttpClient
{
    /// <summary>A client with no proxy, no redirects, no decompression and no client-side timeout (the engine owns timeouts).</summary>
    public static HttpClient Create(ConnectionPolicy policy, bool verifyTls = true)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = policy.ConnectTimeout,
            MaxConnectionsPerServer = policy.Mode == ConnectionMode.KeepAlive ? policy.MaxConnections : int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = policy.Mode == ConnectionMode.KeepAlive ? TimeSpan.FromMinutes(2) : TimeSpan.Zero,
        };
        if (!verifyTls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }
}
