namespace Harness.Load;

/// <summary>How the HTTP client holds connections to the target.</summary>
public sealed record ConnectionPolicy
{
    public static ConnectionPolicy Default { get; } = new();

    public ConnectionMode Mode { get; init; } = ConnectionMode.KeepAlive;
    /// <summary>Pool size per server in keep-alive mode (SocketsHttpHandler.MaxConnectionsPerServer).</summary>
    public int MaxConnections { get; init; } = 100;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static ConnectionPolicy KeepAlive(int maxConnections) => new() { Mode = ConnectionMode.KeepAlive, MaxConnections = maxConnections };

    public static ConnectionPolicy NewConnectionPerRequest() => new() { Mode = ConnectionMode.NewPerRequest };

    public string Describe() => Mode == ConnectionMode.KeepAlive ? $"keep-alive pool of {MaxConnections}" : "new TCP connection per request";
}
