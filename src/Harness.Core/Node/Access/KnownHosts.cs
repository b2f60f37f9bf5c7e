using System.Security.Cryptography;
using System.Text;

namespace Harness.Node.Access;

/// <summary>OpenSSH known_hosts matching: plain and hashed (<c>|1|salt|hash</c>) host patterns, <c>[host]:port</c> for non-22 ports.</summary>
internal static class KnownHosts
{
    /// <summary>True when a line of <paramref name="knownHostsText"/> names this host and carries exactly this key.</summary>
    public static bool Matches(string knownHostsText, string host, int port, string keyType, byte[] keyBlob)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        var key = Convert.ToBase64String(keyBlob);
        foreach (var raw in knownHostsText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('@'))
            {
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[1] != keyType || fields[2] != key)
            {
                continue;
            }

            if (fields[0].Split(',').Any(pattern => HostMatches(pattern, name)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HostMatches(string pattern, string name)
    {
        if (!pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        }

        var parts = pattern.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
