using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>/system must refuse requests without credentials: it deploys code and reads secrets' names.</summary>
internal sealed class GatewayAuthRule : IComplianceRule
{
    public const string RuleId = "config.gateway-auth";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.OpenFaasAuth];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (!policy.Require.SystemAuth)
        {
            yield break;
        }

        if (evidence.Gateway is not { } gateway)
        {
            yield return FindingBuilder.NotChecked(RuleId, "Gateway authentication not checked", "no running gateway given (--gateway URL)", References);
            yield break;
        }

        const string fix = "Enable basic_auth on the gateway (credentials from files in secret_mount_path) and keep /system off the public ingress where possible.";
        yield return gateway.FunctionsStatusWithoutAuth switch
        {
            401 or 403 => FindingBuilder.Pass(RuleId, $"Gateway {gateway.Url}: /system refuses requests without credentials ({gateway.FunctionsStatusWithoutAuth})",
                Severity.High, gateway.Url, gateway.Evidence, References),
            null => FindingBuilder.Fail(RuleId, $"Gateway {gateway.Url} could not be reached", Severity.Medium, gateway.Url, gateway.Evidence,
                "Check the --gateway URL.", References),
            >= 200 and < 300 => FindingBuilder.Fail(RuleId, $"Gateway {gateway.Url}: /system answers without authentication", Severity.High, gateway.Url, gateway.Evidence, fix, References),
            var other => FindingBuilder.Fail(RuleId, $"Gateway {gateway.Url}: /system/functions answered {other} without credentials (not 401)", Severity.Medium, gateway.Url, gateway.Evidence, fix, References),
        };
    }
}
