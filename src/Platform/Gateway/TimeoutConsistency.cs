using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>
/// Checks that timeouts shrink along the call: gateway upstream ≥ watchdog write_timeout ≥ exec_timeout.
/// Misaligned timeouts are OpenFaaS users' most common 502 (openfaas/faas#608, #1688), so a deploy warns instead of failing later.
/// </summary>
internal static class TimeoutConsistency
{
    /// <summary>of-watchdog's default for read, write and exec timeouts.</summary>
    public static readonly TimeSpan WatchdogDefault = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<string> Check(FunctionDeployment deployment, TimeSpan upstreamTimeout)
    {
        var warnings = new List<string>();
        var env = deployment.EnvVars ?? new Dictionary<string, string>();
        var read = Read(env, "read_timeout", warnings);
        var write = Read(env, "write_timeout", warnings);
        var exec = Read(env, "exec_timeout", warnings);

        if (write > upstreamTimeout)
        {
            warnings.Add($"write_timeout {Show(write)} is longer than the gateway's upstream timeout {Show(upstreamTimeout)}: " +
                $"calls that run past {Show(upstreamTimeout)} get 504 from the gateway while the function keeps running; set write_timeout <= {Show(upstreamTimeout)}");
        }

        if (read > upstreamTimeout)
        {
            warnings.Add($"read_timeout {Show(read)} is longer than the gateway's upstream timeout {Show(upstreamTimeout)}; set read_timeout <= {Show(upstreamTimeout)}");
        }

        if (exec > TimeSpan.Zero && exec > write)
        {
            warnings.Add($"exec_timeout {Show(exec)} is longer than write_timeout {Show(write)}: the watchdog stops writing the response before the function's time is up; set exec_timeout <= write_timeout");
        }

        if (exec == TimeSpan.Zero && env.ContainsKey("exec_timeout") && write > upstreamTimeout)
        {
            warnings.Add("exec_timeout is 0 (no limit): only the gateway's upstream timeout bounds a call");
        }

        return warnings;
    }

    private static TimeSpan Read(IReadOnlyDictionary<string, string> env, string name, List<string> warnings)
    {
        if (!env.TryGetValue(name, out var text))
        {
            return WatchdogDefault;
        }

        if (GoDuration.TryParse(text, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        warnings.Add($"{name} '{text}' is not a duration (seconds, or e.g. 1m30s); the watchdog falls back to {Show(WatchdogDefault)}");
        return WatchdogDefault;
    }

    private static string Show(TimeSpan t) => t.TotalSeconds == Math.Floor(t.TotalSeconds)
        ? $"{(long)t.TotalSeconds}s"
        : $"{t.TotalMilliseconds:0}ms";
}
