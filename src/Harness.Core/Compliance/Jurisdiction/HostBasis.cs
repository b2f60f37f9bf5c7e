namespace Harness.Compliance.Jurisdiction;

/// <summary>How a host's jurisdiction was decided.</summary>
internal enum HostBasis
{
    /// <summary>Nothing known; the harness does not guess.</summary>
    Unknown,
    /// <summary>A catalogued operator's headquarters.</summary>
    OperatorHeadquarters,
    /// <summary>The user's CIDR-to-country file.</summary>
    IpCountryFile,
    /// <summary>Loopback or a private range: stays where the node is.</summary>
    LocalNetwork,
}
