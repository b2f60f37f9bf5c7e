namespace Harness.Compliance.Policy;

/// <summary>What a residency policy allows and requires; loaded from <c>scenarios/policies/*.yml</c>.</summary>
internal sealed record ResidencyPolicy
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>SHA-256 of the policy file's bytes, lower-case hex, so a report names exactly what it checked against.</summary>
    public required string Hash { get; init; }
    public string? File { get; init; }
    /// <summary>Failed findings at or above this severity make the check exit 1.</summary>
    public Severity FailAt { get; init; } = Severity.Medium;
    /// <summary>ISO 3166-1 alpha-2 codes, upper case; Eurostat's EL is stored as GR.</summary>
    public IReadOnlySet<string> AllowedJurisdictions { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>Registry hosts (with port when one is used) images may come from.</summary>
    public IReadOnlyList<string> AllowedRegistries { get; init; } = [];
    /// <summary>Domain suffixes endpoints may use regardless of the catalogue (the operator's own domains).</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];
    public IReadOnlyList<string> DeniedDomains { get; init; } = [];
    /// <summary>Operator ids from the jurisdiction catalogue.</summary>
    public IReadOnlyList<string> AllowedOperators { get; init; } = [];
    public IReadOnlyList<string> DeniedOperators { get; init; } = [];
    /// <summary>Values of <c>topology.kubernetes.io/region</c> the nodes may carry.</summary>
    public IReadOnlyList<string> AllowedNodeRegions { get; init; } = [];
    public RequiredSettings Require { get; init; } = new();
}
