using Harness.Results;

namespace Harness.Targets;

/// <summary>
/// The limits of a remote target as far as anything tells: the OpenFaaS gateway API does not report timeouts, body
/// limits or replica caps, so for OpenFaaS CE the documented defaults are given as defaults (not read), and otherwise
/// "not known" with what would tell.
/// </summary>
internal static class TargetLimits
{
    /// <summary>The limits with what the gateway says of the stack's functions: their memory limits are read, not guessed.</summary>
    public static IReadOnlyList<TargetLimit> WithFunctions(IReadOnlyList<TargetLimit> limits, IReadOnlyList<Platform.Contracts.FunctionStatus> functions)
    {
        var memory = functions.Where(f => !string.IsNullOrEmpty(f.Limits?.Memory)).Select(f => $"{f.Name} {f.Limits!.Memory}").ToList();
        if (limits.Count == 0 || functions.Count == 0)
        {
            return limits;
        }

        var unlimited = functions.Where(f => string.IsNullOrEmpty(f.Limits?.Memory)).Select(f => f.Name).ToList();
        var value = memory.Count == 0
            ? $"no memory limit set on {string.Join(", ", unlimited)}: up to the node's allocatable memory, which the gateway does not report"
            : string.Join(", ", memory) + (unlimited.Count == 0 ? "" : $"; none set on {string.Join(", ", unlimited)}");
        return limits.Select(l => l.Name == "memory"
            ? new TargetLimit { Name = "memory", Value = value, Source = "limits.memory of the stack's functions, read from GET /system/function/NAME", Measured = true }
            : l).ToList();
    }

    public static IReadOnlyList<TargetLimit> For(TargetInfo target)
    {
        if (target.Flavour == GatewayFlavour.Harness)
        {
            // Harness's gateway: the report's own description of the embedded defaults applies.
            return [];
        }

        var ce = target.Flavour == GatewayFlavour.OpenFaasCe;
        var netes = target.ReportedProvider?.StartsWith("faas-netes", StringComparison.Ordinal) == true;
        const string CeSource = "OpenFaaS CE default (documented), not read from the target: /system/info does not report it";
        const string Unknown = "not known";
        return
        [
            ce
                ? new TargetLimit
                {
                    Name = "execution_time",
                    Value = netes
                        ? "gateway upstream_timeout 60 s (chart 1m), read/write_timeout 60 s (chart 1m05s); faas-netes read/write_timeout 10 s unless set; watchdog exec_timeout per function (classic 0 = off, of-watchdog 30 s)"
                        : "gateway upstream_timeout 60 s, read/write_timeout 60 s; watchdog exec_timeout per function (classic 0 = off, of-watchdog 30 s)",
                    Source = CeSource + "; the gateway's and provider's environment (kubectl -n openfaas get deploy gateway -o yaml) would tell",
                }
                : new TargetLimit { Name = "execution_time", Value = Unknown, Source = "the gateway's upstream_timeout/read_timeout/write_timeout and each function's exec_timeout would tell" },
            new TargetLimit { Name = "payload", Value = Unknown, Source = "no body limit is reported by the gateway API; the ingress's and gateway's max body size would tell" },
            new TargetLimit { Name = "memory", Value = Unknown, Source = "per function: its limits.memory (harness describe NAME); the node's allocatable memory would tell the ceiling" },
            ce
                ? new TargetLimit { Name = "concurrency", Value = "at most 5 replicas per function (the CE gateway clamps scale requests to [1, 5]); per replica max_inflight (0 = unlimited)", Source = CeSource }
                : new TargetLimit { Name = "concurrency", Value = Unknown, Source = "com.openfaas.scale.max on each function and the edition's replica cap would tell" },
            ce
                ? new TargetLimit { Name = "scale_to_zero", Value = "not through the gateway: requests below 1 replica are raised to 1 (gateway/scaling/ranges.go)", Source = CeSource }
                : new TargetLimit { Name = "scale_to_zero", Value = target.Flavour == GatewayFlavour.OpenFaasPro ? "allowed (OpenFaaS Pro)" : Unknown, Source = "the cold-start scenario tries it and records what happened" },
        ];
    }
}
