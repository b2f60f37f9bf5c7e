using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Harness.Platform.Gateway;

/// <summary>
/// Names a Unix-socket replica in a URL the forwarder can pool by: the socket path, hex-encoded into DNS labels under
/// <c>.uds.invalid</c> (a name that never resolves). The connection pool is keyed by host, so each socket gets its own
/// pool, and the connect callback turns the host back into the path without any shared state.
/// </summary>
internal static class UnixSocketHost
{
    private const string Suffix = ".uds.invalid";
    private const int LabelLength = 60;

    public static string Encode(string socketPath)
    {
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(socketPath));
        var labels = new StringBuilder(hex.Length + (hex.Length / LabelLength) + Suffix.Length);
        for (var i = 0; i < hex.Length; i += LabelLength)
        {
            labels.Append(i == 0 ? "" : ".").Append(hex.AsSpan(i, Math.Min(LabelLength, hex.Length - i)));
        }

        return labels.Append(Suffix).ToString();
    }

    public static bool TryDecode(string host, [NotNullWhen(true)] out string? socketPath)
    {
        socketPath = null;
        if (!host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            socketPath = Encoding.UTF8.GetString(Convert.FromHexString(host[..^Suffix.Length].Replace(".", "", StringComparison.Ordinal)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
