using System.Net;
using System.Net.Sockets;

namespace Harness.Platform.Http11;

/// <summary>
/// Where a replica's HTTP/1.1 server listens: a TCP address or a Unix socket path. <see cref="Key"/> names its
/// connection pool; <see cref="Authority"/> is what a request to it sends as Host when the caller does not choose.
/// </summary>
internal sealed record Http11Endpoint(string Key, EndPoint EndPoint, string Authority)
{
    /// <summary>A TCP endpoint from an <c>http://host:port</c> address (an IP literal or <c>localhost</c>).</summary>
    public static Http11Endpoint Tcp(Uri address)
    {
        var host = address.IdnHost;
        EndPoint endPoint = IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, address.Port)
            : new DnsEndPoint(host, address.Port);
        return new Http11Endpoint("tcp:" + address.Authority, endPoint, address.Authority);
    }

    /// <summary>A Unix-socket endpoint; <paramref name="authority"/> is the replica's TCP authority, sent as Host.</summary>
    public static Http11Endpoint Unix(string socketPath, string authority) =>
        new("unix:" + socketPath, new UnixDomainSocketEndPoint(socketPath), authority);

    /// <summary>Opens a connected socket (no Nagle on TCP: every request is written in as few sends as it takes).</summary>
    public async ValueTask<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = EndPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(EndPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
