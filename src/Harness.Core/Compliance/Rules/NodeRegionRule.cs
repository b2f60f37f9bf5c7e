using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>Nodes must carry a region label the policy allows; a VPS's declared location is recorded as unverified.</summary>
internal sealed class NodeRegionRule : IComplianceRule
{
    public const string RuleId = "residency.node-region";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprTransfers, LegalReferences.K8sTopology];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        var facts = evidence.NodeLocation;
        if (facts is null)
        {
            yield return FindingBuilder.NotChecked(RuleId, "Node location not checked",
                "no --kubeconfig and no target file with a location were given", References);
            yield break;
        }

        var allowed = string.Join(", ", policy.AllowedNodeRegions);
        var labelFix = $"Label each node: kubectl label node NAME topology.kubernetes.io/region=REGION topology.kubernetes.io/zone=ZONE, with a region from node_regions.allowed ({(allowed.Length > 0 ? allowed : "empty: list your regions in the policy")}).";
        if (facts.Failure is { } failure)
        {
            yield return FindingBuilder.Fail(RuleId, "Node regions could not be read from the cluster", Severity.Medium, null, [failure],
                "Check the kubeconfig and that it may list nodes (GET /api/v1/nodes).", References);
        }

        if (facts.Failure is null && facts.Declared is null && facts.Nodes.Count == 0)
        {
            yield return FindingBuilder.Fail(RuleId, "The cluster reported no nodes", Severity.Medium, null, [new EvidenceItem("kubernetes", "GET /api/v1/nodes returned an empty list")], labelFix, References);
        }

        foreach (var node in facts.Nodes)
        {
            if (node.Region is null)
            {
                yield return FindingBuilder.Fail(RuleId, $"Node {node.Node} has no topology.kubernetes.io/region label", Severity.Medium, node.Node, [node.Evidence], labelFix, References);
            }
            else if (policy.AllowedNodeRegions.Contains(node.Region, StringComparer.OrdinalIgnoreCase))
            {
                yield return FindingBuilder.Pass(RuleId, $"Node {node.Node} is in region {node.Region}, which the policy allows", Severity.High, node.Node, [node.Evidence], References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId, $"Node {node.Node} is in region {node.Region}, outside the policy's regions", Severity.High, node.Node, [node.Evidence],
                    $"Move the workload to nodes in {allowed}, or correct the label if it is wrong.", References);
            }
        }

        if (facts.Declared is { } declared)
        {
            var declaredEvidence = new[] { declared.Evidence };
            if (declared.Country is null)
            {
                yield return FindingBuilder.Fail(RuleId, $"The target declares location \"{declared.Text}\" without a country code", Severity.Medium, null, declaredEvidence,
                    "Declare the location with an ISO 3166-1 code, e.g. location: {country: NO, city: Oslo}.", References);
            }
            else if (policy.AllowsCountry(declared.Country))
            {
                // Not a pass: a declaration is not evidence of where the machine is.
                yield return FindingBuilder.Fail(RuleId, $"Node location {declared.Text} is declared, not verified", Severity.Low, null, declaredEvidence,
                    "Keep the provider's contract or data-processing agreement naming the data centre with the audit file; the harness cannot verify a VPS's location.", References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId, $"Declared node location {declared.Text} is outside the allowed jurisdictions ({policy.Jurisdictions()})", Severity.High, null, declaredEvidence,
                    "Run the platform on a node in an allowed jurisdiction.", LegalReferences.Transfer);
            }
        }
    }
}
