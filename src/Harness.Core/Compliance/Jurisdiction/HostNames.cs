using System.Net;

namespace Harness.Compliance.Jurisdiction;

/// <summary>Small helpers for host names and addresses.</summary>
internal static class HostNames
{
    /// <summary>True when <paramref name="host"/> is <paramref name="suffix"/> or ends with "." + suffix.</summary>
    public static bool MatchesSuffix(string host, string suffix)
    {
        host = host.TrimEnd('.');
        suffix = suffix.TrimStart('.').TrimEnd('.');
        return host.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Strips a port and IPv6 brackets: "[::1]:5000" → "::1", "host:443" → "host".</summary>
    public static string StripPort(string hostAndPort)
    {
        if (hostAndPort.StartsWith('['))
        {
            var end = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? hostAndPort[1..end] : hostAndPort;
        }

        var colon = hostAndPort.LastIndexOf(':');
        return colon > 0 && hostAndPort.IndexOf(':', StringComparison.Ordinal) == colon ? hostAndPort[..colon] : hostAndPort;
    }

    /// <summary>Loopback, link-local or a private range (RFC 1918, RFC 4193): traffic that stays with the node.</summary>
    public static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254);
    }

    /// <summary>"localhost" and names under it resolve to loopback by definition (RFC 6761).</summary>
    public static bool IsLocalhostName(string host) => MatchesSuffix(host, "localhost");

    /// <summary>Single-label names and cluster.local resolve inside the cluster's own DNS.</summary>
    public static bool IsClusterInternalName(string host)
        => !host.Contains('.', StringComparison.Ordinal) || MatchesSuffix(host, "cluster.local") || MatchesSuffix(host, "svc");
}
