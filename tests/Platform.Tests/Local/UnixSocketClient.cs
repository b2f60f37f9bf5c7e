using System.Net.Sockets;
using System.Text;

namespace Harness.Platform.Tests.Local;

/// <summary>One HTTP call over a Unix domain socket, as the gateway's forwarder makes it.</summary>
internal static class UnixSocketClient
{
    public static async Task<(int Status, string Body)> PostAsync(string socketPath, string path, string body)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri("http://replica" + path), new StringContent(body, Encoding.UTF8, "text/plain"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Whether the kernel lists a connected stream socket bound to <paramref name="socketPath"/> (/proc/net/unix names an
    /// accepted connection by its listener's path): someone holds a connection to it.
    /// </summary>
    public static bool HasConnection(string socketPath)
    {
        foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
        {
            // Num RefCount Protocol Flags Type St Inode Path
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[5] == "03" && fields[7] == socketPath)
            {
                return true;
            }
        }

        return false;
    }
}
