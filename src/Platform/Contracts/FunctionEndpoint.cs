namespace Harness.Platform.Contracts;

/// <summary>A ready replica the gateway may forward to.</summary>
/// <param name="InstanceId">The replica's id (pod name or local replica id); informational, the gateway routes by <paramref name="Address"/>.</param>
/// <param name="Address">The base URL of the replica's watchdog, e.g. <c>http://127.0.0.1:41234/</c>.</param>
public sealed record FunctionEndpoint(string InstanceId, Uri Address)
{
    /// <summary>
    /// A Unix domain socket the replica's watchdog also listens on (its <c>unix_socket</c> setting). When set, the
    /// gateway connects there instead of to <see cref="Address"/>'s host and port: no TCP on loopback. Null: TCP.
    /// </summary>
    public string? UnixSocket { get; init; }
}
