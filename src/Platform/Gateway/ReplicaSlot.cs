using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>One ready replica and the calls the gateway has in flight to it.</summary>
internal sealed class ReplicaSlot(FunctionEndpoint endpoint)
{
    private int _inFlight;

    public FunctionEndpoint Endpoint { get; } = endpoint;

    /// <summary>The forwarder's destination prefix, built once; a Unix-socket replica gets a host that names its socket.</summary>
    public string Prefix { get; } = endpoint.UnixSocket is { } socket
        ? new UriBuilder(endpoint.Address) { Host = UnixSocketHost.Encode(socket), Port = 80 }.Uri.AbsoluteUri
        : endpoint.Address.AbsoluteUri;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Acquire() => Interlocked.Increment(ref _inFlight);

    public void Release() => Interlocked.Decrement(ref _inFlight);
}
