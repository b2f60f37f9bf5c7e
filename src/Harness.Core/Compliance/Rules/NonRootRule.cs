using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Non-root functions are a provider setting, not a stack field. A Harness gateway reports its replica sandbox in
/// <c>/system/info</c> (<c>provider.sandbox</c>): it passes only when the sandbox is enforced and runs replicas as
/// non-root, and fails when it says otherwise. Without that object (a real OpenFaaS gateway, or no gateway) the check
/// says what it could not see (faas-netes <c>set_nonroot_user=true</c> → runAsUser 12000 is invisible from outside).
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

        if (evidence.Gateway is { Sandbox: { } sandbox } gateway)
        {
            var seen = new EvidenceItem("gateway",
                $"/system/info provider {gateway.Provider ?? "unknown"}: sandbox enforced {Yes(sandbox.Enforced)}, nonRoot {Yes(sandbox.NonRoot)}, " +
                $"mechanism {sandbox.Mechanism ?? "(none)"}, uidRange {sandbox.UidRange ?? "(none)"}" +
                (sandbox.NotEnforced.Count > 0 ? $"; not enforced: {string.Join(", ", sandbox.NotEnforced)}" : string.Empty),
                gateway.Url + "/system/info");
            if (sandbox.Enforced && sandbox.NonRoot)
            {
                yield return FindingBuilder.Pass(RuleId, $"Gateway {gateway.Url}: every replica runs as a non-root user ({sandbox.Mechanism ?? "sandbox"}, uids {sandbox.UidRange ?? "?"})",
                    Severity.High, gateway.Url, [seen], References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId, $"Gateway {gateway.Url}: the replica sandbox {(sandbox.Enforced ? "does not run replicas as non-root" : "is not enforced")}",
                    Severity.High, gateway.Url, [seen],
                    "Run the platform where its sandbox can be enforced (user namespaces or root to drop to a per-replica uid); see the provider's notEnforced list.",
                    References);
            }

            yield break;
        }

        var notes = new List<EvidenceItem>
        {
            new("harness", "stack files have no run-as-user field; OpenFaaS runs functions as non-root only when the provider sets set_nonroot_user=true (runAsUser 12000)"),
        };
        if (evidence.Gateway is { } other)
        {
            notes.Add(new EvidenceItem("gateway", $"provider {other.Provider ?? "unknown"}, orchestration {other.Orchestration ?? "unknown"}: /system/info reports no sandbox, so not the run-as user", other.Url + "/system/info"));
        }

        yield return new Finding
        {
            RuleId = RuleId,
            Title = "Non-root execution not verifiable from the evidence collected",
            Severity = Severity.Info.ToName(),
            Passed = false,
            Evidence = notes,
            Remediation = "On faas-netes set the provider's set_nonroot_user=true (Helm: setNonRootUser); build images with a non-root USER; keep the provider configuration with the audit file.",
            References = References,
        };
    }

    private static string Yes(bool value) => value ? "true" : "false";
}
