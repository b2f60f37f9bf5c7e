using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>
/// The article's <c>com.openfaas.security.readonly</c> annotation does nothing upstream; only
/// <c>readonly_root_filesystem: true</c> does. Harness honours both, but a stack relying on the annotation
/// is not read-only on OpenFaaS itself.
/// </summary>
internal sealed class ReadOnlyAnnotationRule : IComplianceRule
{
    public const string RuleId = "config.readonly-annotation";
    private static readonly IReadOnlyList<string> References = [LegalReferences.OpenFaasReadOnly, LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var f in evidence.Functions)
        {
            if (f.ReadOnlyAnnotation is null)
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Name}: does not rely on the {Collectors.FunctionFactsBuilder.ReadOnlyAnnotation} annotation", Severity.Medium, f.Name, [f.ReadOnlyEvidence], References);
            }
            else if (f.ReadOnlyRootFilesystem)
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Name}: the read-only annotation is redundant; readonly_root_filesystem: true does the work", Severity.Medium, f.Name,
                    [f.ReadOnlyAnnotationEvidence!, f.ReadOnlyEvidence], References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId,
                    $"{f.Name}: the read-only annotation is a no-op upstream ({Collectors.FunctionFactsBuilder.ReadOnlyAnnotation}; OpenFaaS ignores it)",
                    Severity.Medium, f.Name, [f.ReadOnlyAnnotationEvidence!, f.ReadOnlyEvidence],
                    "Set `readonly_root_filesystem: true` on the function (OpenFaaS then mounts a writable /tmp). " + Where(f, evidence.Gateway),
                    References);
            }
        }
    
    }

    /// <summary>What the annotation does where this function runs: only Harness's platform honours it.</summary>
    private static string Where(FunctionFacts f, GatewayFacts? gateway)
        => f.RunsOnHarness
            ? "Harness's platform runs it read-only because it honours the annotation, but upstream OpenFaaS would not."
            : gateway is { IsHarness: false }
                ? $"The gateway {gateway.Url} (provider {gateway.Provider ?? "unknown"}) is not Harness's, so the annotation is ignored there: the function is not read-only."
                : "On upstream OpenFaaS the annotation is ignored, so the function is not read-only there; only Harness's platform honours it.";
}
