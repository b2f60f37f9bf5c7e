using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>The node's DNS resolvers and time servers see every name it looks up and when: judged like endpoints, at lower severity.</summary>
internal sealed class HostConfigRule : IComplianceRule
{
    public const string DnsId = "residency.dns-resolver";
    public const string NtpId = "residency.time-source";
    public const string NodeFactsId = "node.facts";

    public string Id => DnsId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (evidence.HostConfig is not { } host)
        {
            yield return FindingBuilder.NotChecked(DnsId, "Node DNS and time configuration not checked", "no node was given (--node-root)", [LegalReferences.GdprTransfers]);
            yield break;
        }

        if (host.Resolvers.Count == 0)
        {
            yield return FindingBuilder.Fail(DnsId, "No DNS resolver found in resolv.conf", Severity.Low, null, host.Evidence,
                "Configure a resolver in an allowed jurisdiction (or a local caching resolver).", [LegalReferences.GdprTransfers]);
        }

        foreach (var resolver in host.Resolvers)
        {
            yield return EndpointJurisdictionRule.Judge(DnsId, policy, resolver, outside: Severity.Medium, unknown: Severity.Low);
        }

        foreach (var server in host.TimeServers)
        {
            yield return EndpointJurisdictionRule.Judge(NtpId, policy, server, outside: Severity.Low, unknown: Severity.Info);
        }

        // Recorded for the audit trail: the time zone and the tuning facts are context, not pass/fail.
        yield return FindingBuilder.Pass(NodeFactsId, $"Node facts recorded (time zone {host.Timezone ?? "unknown"}, {host.Tuning.Count} tuning fact(s))",
            Severity.Info, null, [.. host.Evidence, .. host.Tuning], [LegalReferences.GdprSecurity]);
    }
}
