using System.Net;
using System.Net.Sockets;

namespace Harness.Testing;

/// <summary>
/// A loopback port that refuses connections for as long as this lives: bound but not listening, so no server another
/// test starts meanwhile can take it (a port from <see cref="LoopbackPort.Pick"/> is free only when picked).
/// </summary>
public sealed class RefusedPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusedPort() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public void Dispose() => socket.Dispose();
}
