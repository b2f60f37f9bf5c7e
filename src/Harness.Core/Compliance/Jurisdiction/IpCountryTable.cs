using System.Net;
using Harness.Platform.Contracts;

namespace Harness.Compliance.Jurisdiction;

/// <summary>A user-supplied CIDR → country table (<c>--ip-country FILE</c>): the only way an IP address gets a country.</summary>
internal sealed class IpCountryTable
{
    private readonly List<(IPNetwork Network, string Country, int Line)> _entries;

    private IpCountryTable(string source, List<(IPNetwork, string, int)> entries)
    {
        Source = source;
        _entries = entries;
    }

    public string Source { get; }

    public static IpCountryTable Empty { get; } = new("(none)", []);

    /// <summary>Lines of "CIDR COUNTRY" (space, tab or comma separated); '#' starts a comment. Throws naming file and line.</summary>
    public static IpCountryTable Parse(string text, string source)
    {
        var entries = new List<(IPNetwork, string, int)>();
        var errors = new List<string>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !IPNetwork.TryParse(parts[0], out var network) || !CountryCodes.TryNormalize(parts[1], out var country))
            {
                errors.Add(new Diagnostic(source, lineNo, 1, "", $"expected \"CIDR COUNTRY\" (e.g. \"185.0.0.0/16 NO\"), got \"{line}\"").ToString());
                continue;
            }

            entries.Add((network, country, lineNo));
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, errors));
        }

        return new IpCountryTable(source, entries);
    }

    /// <summary>The country of the most specific network containing the address, with the line it came from.</summary>
    public (string Country, string Location)? Lookup(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        (IPNetwork Network, string Country, int Line)? best = null;
        foreach (var entry in _entries)
        {
            if (entry.Network.Contains(address) && (best is null || entry.Network.PrefixLength > best.Value.Network.PrefixLength))
            {
                best = entry;
            }
        }

        return best is { } b ? (b.Country, $"{Source}:{b.Line}") : null;
    }
}
