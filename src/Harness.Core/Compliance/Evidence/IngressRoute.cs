namespace Harness.Compliance.Evidence;

/// <summary>One proxying <c>location</c> with the effective (inherited or default) proxy settings nginx applies to it.</summary>
internal sealed record IngressRoute
{
    /// <summary>The location's arguments as written ("/function/", "= /system/logs", "~ ^/system").</summary>
    public required string Path { get; init; }
    public required string Location { get; init; }
    public required string ProxyPass { get; init; }
    /// <summary>The upstream block's name when proxy_pass names one (http://gateway), else null.</summary>
    public string? Upstream { get; init; }
    public string HttpVersion { get; init; } = "1.0";
    public string HttpVersionSource { get; init; } = "nginx default 1.0";
    /// <summary>True when proxy_set_header Connection "" is in force (nginx otherwise sends Connection: close).</summary>
    public bool ClearsConnectionHeader { get; init; }
    public bool Buffering { get; init; } = true;
    public string BufferingSource { get; init; } = "nginx default on";
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string ReadTimeoutSource { get; init; } = "nginx default 60s";
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string SendTimeoutSource { get; init; } = "nginx default 60s";
    public long BodySize { get; init; } = 1024 * 1024;
    public string BodySizeSource { get; init; } = "nginx default 1m";
}
