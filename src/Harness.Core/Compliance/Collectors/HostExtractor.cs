using System.Text.RegularExpressions;

namespace Harness.Compliance.Collectors;

/// <summary>
/// Finds the hosts an environment value points at: every URL, and a bare "host[:port]" list when the key
/// names an address (…HOST, …URL, …ENDPOINT…) or the value is plainly a multi-label domain. Conservative on
/// purpose: "handler.py" must not become a host in Paraguay.
/// </summary>
internal static partial class HostExtractor
{
    private static readonly string[] AddressKeyHints = ["host", "url", "uri", "endpoint", "server", "addr", "domain", "dsn", "broker", "registry"];

    public static IReadOnlyList<string> Extract(string key, string value)
    {
        var hosts = new List<string>();
        foreach (Match match in UrlPattern().Matches(value))
        {
            if (Uri.TryCreate(match.Value, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                hosts.Add(uri.Host.Trim('[', ']').ToLowerInvariant());
            }
        }

        if (hosts.Count > 0)
        {
            return hosts.Distinct(StringComparer.Ordinal).ToList();
        }

        var keyHints = AddressKeyHints.Any(h => key.Contains(h, StringComparison.OrdinalIgnoreCase));
        foreach (var part in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = part.Contains('@', StringComparison.Ordinal) ? part[(part.LastIndexOf('@') + 1)..] : part;
            var match = HostPortPattern().Match(candidate);
            if (!match.Success)
            {
                continue;
            }

            var host = match.Groups["host"].Value.ToLowerInvariant();
            var isIp = System.Net.IPAddress.TryParse(host, out _);
            var labels = host.Split('.').Length;
            if (keyHints && (isIp || labels >= 2) || (!isIp && labels >= 3 && char.IsAsciiLetter(host[^1])))
            {
                hosts.Add(host);
            }
        }

        return hosts.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s""'<>,;]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^(?<host>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z][a-zA-Z0-9-]*|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$")]
    private static partial Regex HostPortPattern();
}
