using Harness.Platform.Contracts;
using Harness.Platform.Http11;

namespace Harness.Platform.Gateway;

/// <summary>One ready replica and the calls the gateway has in flight to it.</summary>
internal sealed class ReplicaSlot(FunctionEndpoint endpoint)
{
    private int _inFlight;

    public FunctionEndpoint Endpoint { get; } = endpoint;

    /// <summary>Where the forwarder connects, built once: the replica's Unix socket when it has one, else its TCP address.</summary>
    public Http11Endpoint Upstream { get; } = endpoint.UnixSocket is { } socket
        ? Http11Endpoint.Unix(socket, endpoint.Address.Authority)
        : Http11Endpoint.Tcp(endpoint.Address);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Acquire() => Interlocked.Increment(ref _inFlight);

    public void Release() => Interlocked.Decrement(ref _inFlight);
}
