using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;

namespace Harness.Compliance.Rules;

/// <summary>How hosts and operators are matched against a policy's lists.</summary>
internal static class PolicyMatching
{
    public static bool IsAllowedRegistry(this ResidencyPolicy policy, string registry)
        => policy.AllowedRegistries.Any(r => r.Equals(registry, StringComparison.OrdinalIgnoreCase));

    public static string? DeniedDomain(this ResidencyPolicy policy, string host)
        => policy.DeniedDomains.FirstOrDefault(d => HostNames.MatchesSuffix(host, d));

    public static string? AllowedDomain(this ResidencyPolicy policy, string host)
        => policy.AllowedDomains.FirstOrDefault(d => HostNames.MatchesSuffix(HostNames.StripPort(host), d));

    public static bool IsDeniedOperator(this ResidencyPolicy policy, ServiceOperator? op)
        => op is not null && policy.DeniedOperators.Contains(op.Id, StringComparer.OrdinalIgnoreCase);

    public static bool IsAllowedOperator(this ResidencyPolicy policy, ServiceOperator? op)
        => op is not null && policy.AllowedOperators.Contains(op.Id, StringComparer.OrdinalIgnoreCase);

    public static bool AllowsCountry(this ResidencyPolicy policy, string? country)
        => country is not null && policy.AllowedJurisdictions.Contains(country);

    public static string Jurisdictions(this ResidencyPolicy policy)
        => string.Join(", ", policy.AllowedJurisdictions.Order(StringComparer.Ordinal));
}
