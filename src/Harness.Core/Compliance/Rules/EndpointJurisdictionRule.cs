using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>Every host a function or the platform talks to must be in an allowed jurisdiction (or be the policy's own domain).</summary>
internal sealed class EndpointJurisdictionRule : IComplianceRule
{
    public const string RuleId = "residency.endpoint";

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
        => evidence.Endpoints.Select(e => Judge(RuleId, policy, e));

    /// <summary>Shared with the DNS and NTP checks, which judge their servers the same way at lower severities.</summary>
    internal static Finding Judge(string id, ResidencyPolicy policy, EndpointFact e, Severity outside = Severity.High, Severity unknown = Severity.Medium)
    {
        var v = e.Verdict;
        var what = $"{e.Subject}: {e.Purpose} → {v.Host}";
        var fix = $"Point {e.Purpose} at a service in {policy.Jurisdictions()}, or, if {v.Host} is yours and hosted there, add its domain to domains.allowed.";
        if (policy.DeniedDomain(v.Host) is { } denied)
        {
            return FindingBuilder.Fail(id, $"{what}: domain {denied} is denied by the policy", outside, e.Subject, [e.Evidence], fix, LegalReferences.UsOperator);
        }

        if (policy.AllowedDomain(v.Host) is { } allowed)
        {
            return FindingBuilder.Pass(id, $"{what}: domain {allowed} is allowed by the policy", outside, e.Subject, [e.Evidence], LegalReferences.Transfer);
        }

        if (v.Basis == HostBasis.LocalNetwork)
        {
            return FindingBuilder.Pass(id, $"{what}: local or cluster-internal", outside, e.Subject, [e.Evidence, new("jurisdiction", v.Explanation)], LegalReferences.Transfer);
        }

        if (policy.IsDeniedOperator(v.Operator) || (v.Country is not null && !policy.AllowsCountry(v.Country) && !policy.IsAllowedOperator(v.Operator)))
        {
            var who = v.Operator is { } op ? $"{op.Name} ({op.Headquarters})" : v.Country;
            return FindingBuilder.Fail(id, $"{what}: outside the allowed jurisdictions ({who})", outside, e.Subject,
                [e.Evidence, new("jurisdiction", v.Explanation)], fix, v.Operator is not null ? LegalReferences.UsOperator : LegalReferences.Transfer);
        }

        if (policy.AllowsCountry(v.Country) || policy.IsAllowedOperator(v.Operator))
        {
            return FindingBuilder.Pass(id, $"{what}: in an allowed jurisdiction ({v.Country})", outside, e.Subject, [e.Evidence, new("jurisdiction", v.Explanation)], LegalReferences.Transfer);
        }

        return FindingBuilder.Fail(id, $"{what}: jurisdiction unknown", unknown, e.Subject, [e.Evidence, new("jurisdiction", v.Explanation)],
            fix + " The harness does not guess a country; give --ip-country for IP addresses.", LegalReferences.Transfer);
    }
}
