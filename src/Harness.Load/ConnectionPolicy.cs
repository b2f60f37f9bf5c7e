namespace Harness.Load;

/// <summary>How the HTTP client holds connections to the target.</summary>
public sealed record ConnectionPolicy
{
    /// <summary>A keep-alive pool of 100 connections with a 10 s connect timeout.</summary>
    public static ConnectionPolicy Default { get; } = new();

    /// <summary>Whether connections are pooled or opened per request.</summary>
    public ConnectionMode Mode { get; init; } = ConnectionMode.KeepAlive;
    /// <summary>Pool size per server in keep-alive mode (SocketsHttpHandler.MaxConnectionsPerServer).</summary>
    public int MaxConnections { get; init; } = 100;
    /// <summary>How long a TCP connect may take before the iteration fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A keep-alive pool of at most <paramref name="maxConnections"/> connections.</summary>
    public static ConnectionPolicy KeepAlive(int maxConnections) => new() { Mode = ConnectionMode.KeepAlive, MaxConnections = maxConnections };

    /// <summary>One fresh TCP connection per request (connection churn).</summary>
    public static ConnectionPolicy NewConnectionPerRequest() => new() { Mode = ConnectionMode.NewPerRequest };

    /// <summary>A short description for results, e.g. <c>keep-alive pool of 100</c>.</summary>
    public string Describe() => Mode == ConnectionMode.KeepAlive ? $"keep-alive pool of {MaxConnections}" : "new TCP connection per request";
}
