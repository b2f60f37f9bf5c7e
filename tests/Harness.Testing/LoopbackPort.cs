using System.Net;
using System.Net.Sockets;

namespace Harness.Testing;

/// <summary>A loopback TCP port nobody listens on right now (the kernel picks it).</summary>
public static class LoopbackPort
{
    /// <summary>Binds port 0 on 127.0.0.1, reads the port the kernel chose, and releases it.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
