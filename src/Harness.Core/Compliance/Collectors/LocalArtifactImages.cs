using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>
/// On Harness's local provider an image name is a key into the gateway's own artifact store on the node (filled by
/// <c>harness build</c>/<c>push</c>): nothing is pulled, so a name without a registry host is not a Docker Hub pull.
/// </summary>
internal static class LocalArtifactImages
{
    /// <summary>The provider name the local provider reports in <c>/system/info</c>.</summary>
    public const string ProviderName = "harness-local";

    /// <summary>The functions, with those the gateway runs from its artifact store marked as served on the node.</summary>
    public static IReadOnlyList<FunctionFacts> Apply(IReadOnlyList<FunctionFacts> functions, GatewayFacts? gateway, IReadOnlySet<string> deployedOnGateway)
    {
        if (gateway?.Provider != ProviderName)
        {
            return functions;
        }

        return functions.Select(f => deployedOnGateway.Contains(f.Name) ? OnNode(f, gateway) : f).ToList();
    }

    private static FunctionFacts OnNode(FunctionFacts f, GatewayFacts gateway)
    {
        var why = $"the gateway's provider is {ProviderName} (/system/info), which runs {f.Image} from its artifact store on the node; no registry is contacted";
        return f with
        {
            RunsOnHarness = true,
            Registry = new HostVerdict { Host = $"the {ProviderName} artifact store", Basis = HostBasis.LocalNetwork, Explanation = why },
            ImageEvidence = new EvidenceItem("gateway", $"{f.Name}: image {f.Image} → {why}", gateway.Url),
        };
    }
}
