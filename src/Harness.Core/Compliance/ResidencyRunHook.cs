using Harness.Compliance.Collectors;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;
using Harness.Results;
using Harness.Targets;

namespace Harness.Compliance;

/// <summary>How <c>harness run</c> includes the residency check when its target file names a <c>policy:</c>.</summary>
internal static class ResidencyRunHook
{
    /// <summary>The largest request body each scenario sends (UTF-8 bytes of its body), for the end-to-end body-size check.</summary>
    internal static IReadOnlyDictionary<string, long> Payloads(IEnumerable<Harness.Scenarios.ScenarioDefinition> scenarios)
        => scenarios.Where(s => s.Body is { Length: > 0 })
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(s => (long)System.Text.Encoding.UTF8.GetByteCount(s.Body!)), StringComparer.Ordinal);

    /// <summary>True when a failed finding is at or above the result's threshold (the check's exit code 1).</summary>
    public static bool ReachesThreshold(ComplianceResult result)
        => SeverityNames.TryParse(result.FailAt, out var threshold)
            && result.Findings.Any(f => !f.Passed && SeverityNames.TryParse(f.Severity, out var s) && s >= threshold);

    /// <summary>The check for a target: its stack, its declared location and its running gateway; null without a policy.</summary>
    public static Func<IRunTarget, CancellationToken, Task<ComplianceResult>>? For(TargetDefinition definition, IReadOnlyList<Harness.Scenarios.ScenarioDefinition>? scenarios = null)
    {
        if (definition.Policy is not { } policy)
        {
            return null;
        }

        return async (target, cancellationToken) =>
        {
            var user = HostEnvironment.Variable(definition.UserEnv);
            var password = HostEnvironment.Variable(definition.PasswordEnv);
            var request = new ResidencyCheckRequest
            {
                PolicyFile = policy,
                StackFiles = definition.Stack is { } stack ? [stack] : [],
                Target = definition,
                GatewayUrl = target.Gateway,
                GatewayCredentials = !string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password)
                    ? (user, password)
                    : target.Client?.Credentials is { } c && c.TryGetBasic(out var u, out var p) ? (u, p) : null,
                GatewayBodyLimit = target is EmbeddedTarget ? EmbeddedTarget.GatewayOptions.MaxFunctionBodyBytes : null,
                GatewayUpstreamTimeout = target is EmbeddedTarget ? EmbeddedTarget.GatewayOptions.UpstreamTimeout : null,
                ScenarioPayloads = Payloads(scenarios ?? []),
                // Only a target that says where its node is gets its node files read; otherwise the node is not assumed to be this machine.
                OpenNode = definition.Node.Declared ? definition.Node.Open : null,
            };
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var outcome = await new ResidencyCheck(StackInputs.Read, http).RunAsync(request, cancellationToken).ConfigureAwait(false);
            return outcome.Result;
        };
    }
}
