using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>Each function's image must come from an allowed registry, never from one a US operator runs.</summary>
internal sealed class ImageRegistryRule : IComplianceRule
{
    public const string RuleId = "residency.image-registry";

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var f in evidence.Functions)
        {
            var host = f.ImageReference.Registry;
            var label = host == ImageReference.DockerHub ? "Docker Hub (docker.io)" : host;
            var verdict = f.Registry;
            var items = new List<EvidenceItem> { f.ImageEvidence };
            var fix = $"Push the image to a registry the policy allows ({(policy.AllowedRegistries.Count > 0 ? string.Join(", ", policy.AllowedRegistries) : "add one under registries.allowed")}) and use its full name, e.g. {(policy.AllowedRegistries.FirstOrDefault() ?? "registry.example.no")}/{f.ImageReference.Repository.Replace("library/", string.Empty, StringComparison.Ordinal)}.";
            if (policy.IsAllowedRegistry(host))
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Image}: registry {host} is allowed by the policy", Severity.High, f.Name,
                    [.. items, new EvidenceItem("policy", $"registries.allowed contains {host}", policy.File)], LegalReferences.Transfer);
            }
            else if (verdict.Basis == HostBasis.LocalNetwork)
            {
                var where = verdict.Host == host ? $"registry {host}" : verdict.Host;
                yield return FindingBuilder.Pass(RuleId, $"{f.Image}: {where} is on the node or its private network", Severity.High, f.Name, items, LegalReferences.Transfer);
            }
            else if (verdict.Operator is { } op && (policy.IsDeniedOperator(op) || !policy.AllowsCountry(op.Headquarters)))
            {
                yield return FindingBuilder.Fail(RuleId,
                    $"{f.Image}: pulled from {label}, a {op.Headquarters} registry operated by {op.Name}",
                    Severity.High, f.Name, items,
                    $"{fix} Pulling from a {op.Headquarters}-operator registry puts the platform's code and pull metadata under {op.Headquarters} law (CLOUD Act) regardless of where the nodes are.",
                    LegalReferences.UsOperator);
            }
            else if (policy.AllowedRegistries.Count > 0)
            {
                yield return FindingBuilder.Fail(RuleId, $"{f.Image}: registry {host} is not in the policy's allowed registries", Severity.Medium, f.Name, items, fix, LegalReferences.Transfer);
            }
            else if (policy.AllowsCountry(verdict.Country) || policy.IsAllowedOperator(verdict.Operator))
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Image}: registry {host} is in an allowed jurisdiction ({verdict.Country})", Severity.High, f.Name, items, LegalReferences.Transfer);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId, $"{f.Image}: the jurisdiction of registry {host} is unknown", Severity.Medium, f.Name, items, fix, LegalReferences.Transfer);
            }
        }
    }
}
