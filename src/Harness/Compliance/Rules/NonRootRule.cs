using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Non-root functions are a provider setting (faas-netes <c>set_nonroot_user=true</c> → runAsUser 12000), not a stack field,
/// so the check can only say what it could not see unless the gateway reports it.
/// </summary>
internal sealed class NonRootRule : IComplianceRule
{
    public const string RuleId = "config.non-root";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.NonRoot || evidence.Functions.Count == 0)
        {
            yield break;
        }

        var seen = new List<EvidenceItem>
        {
            new("harness", "stack files have no run-as-user field; OpenFaaS runs functions as non-root only when the provider sets set_nonroot_user=true (runAsUser 12000)"),
        };
        if (evidence.Gateway is { } gateway)
        {
            seen.Add(new EvidenceItem("gateway", $"provider {gateway.Provider ?? "unknown"}, orchestration {gateway.Orchestration ?? "unknown"}: /system/info does not report the run-as user", gateway.Url));
        }

        yield return new Finding
        {
            RuleId = RuleId,
            Title = "Non-root execution not verifiable from the evidence collected",
            Severity = Severity.Info.ToName(),
            Passed = false,
            Evidence = seen,
            Remediation = "On faas-netes set the provider's set_nonroot_user=true (Helm: setNonRootUser); build images with a non-root USER; keep the provider configuration with the audit file.",
            References = References,
        };
    }
}
