using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>All rules, in the order the report lists them.</summary>
internal static class RuleSet
{
    public static IReadOnlyList<IComplianceRule> All { get; } =
    [
        new ImageRegistryRule(),
        new EndpointJurisdictionRule(),
        new NodeRegionRule(),
        new HostConfigRule(),
        new GatewayAuthRule(),
        new IngressSyntaxRule(),
        new IngressTlsRule(),
        new UpstreamKeepaliveRule(),
        new LogStreamingRule(),
        new MemoryLimitRule(),
        new ReadOnlyAnnotationRule(),
        new ReadOnlyRootFilesystemRule(),
        new NonRootRule(),
        new ExecTimeoutRule(),
        new TimeoutAlignmentRule(),
        new BodySizeRule(),
        new InventoryRule(),
    ];

    public static IReadOnlyList<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
        => All.SelectMany(rule => rule.Evaluate(policy, evidence)).ToList();
}
