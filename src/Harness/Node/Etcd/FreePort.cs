using System.Net;
using System.Net.Sockets;

namespace Harness.Node.Etcd;

/// <summary>Asks the kernel for a free loopback port (bind to 0, read it, release it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
