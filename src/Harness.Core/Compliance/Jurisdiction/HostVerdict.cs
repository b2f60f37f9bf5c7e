namespace Harness.Compliance.Jurisdiction;

/// <summary>What the harness can say about where a host's data goes, and on what basis.</summary>
internal sealed record HostVerdict
{
    public required string Host { get; init; }
    /// <summary>ISO code the data is subject to, or null when unknown.</summary>
    public string? Country { get; init; }
    public required HostBasis Basis { get; init; }
    public ServiceOperator? Operator { get; init; }
    public DomainSuffix? MatchedSuffix { get; init; }
    /// <summary>One sentence an auditor can read: how the country was decided.</summary>
    public required string Explanation { get; init; }
}
