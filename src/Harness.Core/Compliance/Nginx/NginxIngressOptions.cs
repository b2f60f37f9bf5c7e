namespace Harness.Compliance.Nginx;

/// <summary>What <c>harness ingress nginx</c> puts into the configuration it prints.</summary>
internal sealed record NginxIngressOptions
{
    public string ServerName { get; init; } = "_";
    /// <summary>The gateway nginx proxies to (host:port).</summary>
    public string Gateway { get; init; } = "127.0.0.1:8080";
    public string? TlsCertificate { get; init; }
    public string? TlsKey { get; init; }
    /// <summary>The port nginx listens on; 443 with TLS, 80 without.</summary>
    public int? ListenPort { get; init; }
    /// <summary>The gateway's request-body limit; the ingress allows the same.</summary>
    public long BodyLimit { get; init; } = 64L << 20;
    /// <summary>The gateway's upstream timeout; the ingress waits a little longer so the gateway answers first.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
