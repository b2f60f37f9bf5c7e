using System.Net;

namespace Harness.Platform.Local;

/// <summary>The one HTTP client that probes replicas' <c>/_/health</c>: short timeouts, no proxy, kept-alive connections.</summary>
internal static class HealthClient
{
    public static HttpClient Instance { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };
}
