using System.Net;

namespace Harness.Compliance.Jurisdiction;

/// <summary>Decides a host's jurisdiction from the catalogue, the user's IP table or the address range; otherwise "unknown".</summary>
internal sealed class JurisdictionResolver
{
    private readonly JurisdictionCatalog _catalog;
    private readonly IpCountryTable _ipTable;

    public JurisdictionResolver(JurisdictionCatalog catalog, IpCountryTable ipTable)
    {
        _catalog = catalog;
        _ipTable = ipTable;
    }

    public JurisdictionCatalog Catalog => _catalog;

    public HostVerdict Resolve(string host)
    {
        host = HostNames.StripPort(host.Trim()).TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(host, out var address))
        {
            if (HostNames.IsLocal(address))
            {
                return Local(host, "loopback or private address: traffic stays on the node or its private network");
            }

            if (_ipTable.Lookup(address) is { } hit)
            {
                return new HostVerdict
                {
                    Host = host,
                    Country = hit.Country,
                    Basis = HostBasis.IpCountryFile,
                    Explanation = $"{host} is in a network mapped to {hit.Country} by {hit.Location}",
                };
            }

            return new HostVerdict
            {
                Host = host,
                Basis = HostBasis.Unknown,
                Explanation = $"{host} is not in any CIDR→country table given (--ip-country); its country is unknown",
            };
        }

        if (HostNames.IsLocalhostName(host))
        {
            return Local(host, "localhost resolves to loopback (RFC 6761)");
        }

        if (HostNames.IsClusterInternalName(host))
        {
            return Local(host, "a single-label or cluster.local name resolves inside the cluster's own DNS");
        }

        if (_catalog.Match(host) is { } match)
        {
            var checkedNote = match.Suffix.SourceChecked ? "suffix source-checked" : "suffix NOT source-checked";
            var hqNote = match.Operator.HeadquartersSourceChecked ? "headquarters source-checked" : "headquarters from general knowledge";
            return new HostVerdict
            {
                Host = host,
                Country = match.Operator.Headquarters,
                Basis = HostBasis.OperatorHeadquarters,
                Operator = match.Operator,
                MatchedSuffix = match.Suffix,
                Explanation = $"{host} matches *.{match.Suffix.Suffix}, operated by {match.Operator.Name}, headquartered in {match.Operator.Headquarters} ({checkedNote}; {hqNote})",
            };
        }

        var tld = host[(host.LastIndexOf('.') + 1)..];
        var hint = tld.Length == 2 && CountryCodes.TryNormalize(tld, out var cc)
            ? $"; its ccTLD .{tld} is only a hint ({cc}) and is not used as evidence of location"
            : string.Empty;
        return new HostVerdict
        {
            Host = host,
            Basis = HostBasis.Unknown,
            Explanation = $"{host} matches no catalogued operator{hint}; its jurisdiction is unknown",
        };
    }

    private static HostVerdict Local(string host, string why) => new()
    {
        Host = host,
        Basis = HostBasis.LocalNetwork,
        Explanation = $"{host}: {why}",
    };
}
