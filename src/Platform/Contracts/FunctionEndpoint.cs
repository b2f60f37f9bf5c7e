namespace Harness.Platform.Contracts;

/// <summary>A ready replica the gateway may forward to.</summary>
public sealed record FunctionEndpoint(string InstanceId, Uri Address)
{
    /// <summary>
    /// A Unix domain socket the replica's watchdog also listens on (its <c>unix_socket</c> setting). When set, the
    /// gateway connects there instead of to <see cref="Address"/>'s host and port: no TCP on loopback. Null: TCP.
    /// </summary>
    public string? UnixSocket { get; init; }
}
