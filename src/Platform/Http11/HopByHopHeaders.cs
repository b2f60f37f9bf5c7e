using System.Collections.Frozen;

namespace Harness.Platform.Http11;

/// <summary>
/// Headers that describe one connection, not the message (RFC 9110 §7.6.1), and that a proxy therefore never passes
/// on in either direction; framing headers are in the set because the forwarder writes its own.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly FrozenSet<string> Names = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length");

    public static bool Contains(string name) => Names.Contains(name);

    /// <summary>Whether <paramref name="name"/> is one of the tokens of a <c>Connection</c> header value (options it marks hop-by-hop).</summary>
    public static bool NamedIn(string connectionValue, string name)
    {
        foreach (var range in connectionValue.AsSpan().Split(','))
        {
            if (connectionValue.AsSpan()[range].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
