using System.Net;
using System.Net.Sockets;

namespace Harness.Platform.Local;

/// <summary>
/// Picks free TCP ports for replicas. The kernel chooses (bind to port 0); ports this provider handed out are not handed
/// out again until released, so two replicas starting at once never collide with each other.
/// </summary>
internal sealed class LoopbackPorts
{
    private readonly IPAddress _address;
    private readonly HashSet<int> _leased = [];
    private readonly Lock _gate = new();

    public LoopbackPorts(IPAddress address) => _address = address;

    public int Lease()
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(_address, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            lock (_gate)
            {
                if (_leased.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("no free loopback port after 64 attempts");
    }

    public void Release(int port)
    {
        lock (_gate)
        {
            _leased.Remove(port);
        }
    }
}
