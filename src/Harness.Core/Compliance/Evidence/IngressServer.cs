namespace Harness.Compliance.Evidence;

/// <summary>One nginx <c>server</c> block reduced to what the rules need.</summary>
internal sealed record IngressServer
{
    public required string Location { get; init; }
    public string ServerName { get; init; } = "_";
    public IReadOnlyList<string> Listens { get; init; } = [];
    public bool Tls { get; init; }
    public string? Certificate { get; init; }
    public string? CertificateKey { get; init; }
    /// <summary>True when some location proxies (proxy_pass), i.e. the server carries function traffic.</summary>
    public bool Proxies { get; init; }
    /// <summary>True when the server only redirects to https.</summary>
    public bool RedirectsToHttps { get; init; }
    /// <summary>The smallest effective proxy_read_timeout over proxying locations (nginx's default is 60s).</summary>
    public TimeSpan ProxyReadTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string ProxyReadTimeoutSource { get; init; } = "nginx default 60s";
    /// <summary>Effective client_max_body_size in bytes; 0 means unlimited (nginx's default is 1m).</summary>
    public long ClientMaxBodySize { get; init; } = 1024 * 1024;
    public string ClientMaxBodySizeSource { get; init; } = "nginx default 1m";
    /// <summary>The smallest effective proxy_send_timeout over proxying locations (nginx's default is 60s).</summary>
    public TimeSpan ProxySendTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string ProxySendTimeoutSource { get; init; } = "nginx default 60s";
    /// <summary>Every proxying location with its effective settings.</summary>
    public IReadOnlyList<IngressRoute> Routes { get; init; } = [];
}
