using Harness.Compliance.Evidence;
using Harness.Compliance.Policy;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// A function whose watchdog never stops it can hold a process (and its memory) forever. Judged by the watchdog that
/// runs it (<see cref="EffectiveTimeouts"/>); an ingress or gateway timeout ends only the client's wait, not the
/// function, so it never makes this pass.
/// </summary>
internal sealed class ExecTimeoutRule : IComplianceRule
{
    public const string RuleId = "config.exec-timeout";
    private static readonly IReadOnlyList<string> References = [LegalReferences.GdprSecurity, LegalReferences.OpenFaasTimeouts, LegalReferences.WatchdogDefaults];

    public string Id => RuleId;

    public IEnumerable<Finding> Evaluate(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        foreach (var f in evidence.Functions)
        {
            var bound = EffectiveTimeouts.For(f);
            var seen = new List<EvidenceItem> { f.ExecTimeoutEvidence, new("harness", bound.Explanation, f.Location) };
            if (bound.Kills && bound.Limit is { } limit)
            {
                yield return FindingBuilder.Pass(RuleId, $"{f.Name}: each invocation is stopped after {EffectiveTimeouts.Seconds(limit)} ({bound.Watchdog})", Severity.Medium, f.Name, seen, References);
            }
            else
            {
                yield return FindingBuilder.Fail(RuleId,
                    bound.Limit is { } responseOnly
                        ? $"{f.Name}: no exec_timeout in force ({bound.Watchdog}); the response ends after {EffectiveTimeouts.Seconds(responseOnly)} but the process keeps running"
                        : $"{f.Name}: no exec_timeout in force that can be shown ({bound.Watchdog})",
                    Severity.Medium, f.Name, seen,
                    "Set `environment: {exec_timeout: 10s, write_timeout: 12s}` (exec_timeout below write_timeout, both below the gateway's upstream timeout); an ingress or gateway timeout ends only the client's wait, not the function.",
                    References);
            }
        }
    }
}
