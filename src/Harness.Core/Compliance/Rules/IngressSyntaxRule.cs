using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;

namespace Harness.Compliance.Rules;

/// <summary>
/// The ingress is judged as nginx runs it: a configuration nginx refuses (<c>nginx -t</c>) is not in force, whatever the
/// other ingress rules read in it. Without nginx on this machine the syntax is recorded as not verified.
/// </summary>
internal sealed class IngressSyntaxRule : IComplianceRule
{
    public const string RuleId = "config.ingress-syntax";
    private static readonly IReadOnlyList<string> References = [LegalReferences.NginxDocs, LegalReferences.GdprSecurity];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        if (evidence.Ingress is not { Syntax: { } syntax } ingress)
        {
            yield break;
        }

        if (!syntax.Verified)
        {
            yield return FindingBuilder.NotChecked(RuleId, "Ingress syntax not verified (nginx is not installed here)", syntax.Evidence.Observed, References);
        }
        else if (syntax.Accepted)
        {
            yield return FindingBuilder.Pass(RuleId, "nginx -t accepts the ingress configuration", Severity.High, ingress.File, [syntax.Evidence], References);
        }
        else
        {
            yield return FindingBuilder.Fail(RuleId, $"nginx refuses the ingress configuration: {syntax.Message}", Severity.High, ingress.File, [syntax.Evidence],
                "Fix what nginx names (run `nginx -t -c FILE`); a configuration nginx refuses is not the one serving traffic, so the other ingress findings describe a file, not the ingress. `harness ingress nginx` prints one that passes.",
                References);
        }
    }
}
