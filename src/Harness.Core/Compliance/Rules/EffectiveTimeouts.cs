using Harness.Compliance.Evidence;

namespace Harness.Compliance.Rules;

/// <summary>
/// Each function's effective limits, judged by the watchdog that runs it, since their defaults differ: the classic
/// watchdog's exec_timeout is 0 (no limit; write_timeout 30s only ends the response), of-watchdog's is 30s, and Harness's
/// watchdog bounds every invocation by exec_timeout when set and never longer than write_timeout (default 30s).
/// </summary>
internal static class EffectiveTimeouts
{
    public static readonly TimeSpan DefaultWriteTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan OfWatchdogExecTimeout = TimeSpan.FromSeconds(30);
    /// <summary>OpenFaaS's gateway upstream_timeout default (and the Harness gateway's).</summary>
    public static readonly TimeSpan DefaultUpstreamTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Templates that run on the classic (fork-per-request) watchdog.</summary>
    private static readonly HashSet<string> ClassicTemplates = new(StringComparer.OrdinalIgnoreCase)
    {
        "python", "python3", "python27", "python3-debian", "node", "node12", "node14", "go", "java8", "java11", "csharp", "ruby", "php7", "php8", "perl", "bash",
    };

    /// <summary>The watchdog, and how long it lets one invocation run (<paramref name="Kills"/>: whether the process is stopped then, not only the response).</summary>
    public sealed record Bound(string Watchdog, TimeSpan? Limit, bool Kills, string Explanation);

    public static Bound For(FunctionFacts f)
    {
        var exec = f.ExecTimeout;
        var write = f.WriteTimeout ?? DefaultWriteTimeout;
        var writeText = f.WriteTimeout is null ? $"write_timeout default {Seconds(DefaultWriteTimeout)}" : $"write_timeout {Seconds(write)}";
        if (f.RunsOnHarness)
        {
            return exec is { } e && e > TimeSpan.Zero && e < write
                ? new Bound("Harness watchdog", e, true, $"Harness watchdog: exec_timeout {Seconds(e)} (below {writeText}) ends the invocation and kills its process tree")
                : new Bound("Harness watchdog", write, true, $"Harness watchdog: every invocation ends at {writeText}{(exec is { } z && z > TimeSpan.Zero ? $" (exec_timeout {Seconds(z)} is longer)" : exec == TimeSpan.Zero && f.ExecTimeoutText is not null ? " (exec_timeout 0)" : " (exec_timeout not set)")}, which kills its process tree");
        }

        var kind = Kind(f);
        switch (kind)
        {
            case "of-watchdog":
                var ofExec = exec ?? OfWatchdogExecTimeout;
                var ofText = exec is null ? $"exec_timeout default {Seconds(OfWatchdogExecTimeout)}" : $"exec_timeout {Seconds(ofExec)}";
                return ofExec > TimeSpan.Zero
                    ? new Bound(kind, Min(ofExec, write), true, $"of-watchdog ({Why(f)}): {ofText} and {writeText}; the shorter applies")
                    : new Bound(kind, write, false, $"of-watchdog ({Why(f)}): exec_timeout 0 disables the limit; {writeText} ends only the response, the process keeps running");
            case "classic watchdog":
                return exec is { } ce && ce > TimeSpan.Zero
                    ? new Bound(kind, Min(ce, write), true, $"classic watchdog ({Why(f)}): exec_timeout {Seconds(ce)} and {writeText}; the shorter applies")
                    : new Bound(kind, write, false, $"classic watchdog ({Why(f)}): exec_timeout {(exec is null ? "default 0" : "0")} = no limit; {writeText} ends only the response, the process keeps running");
            default:
                return exec is { } ue && ue > TimeSpan.Zero
                    ? new Bound("watchdog (unknown)", Min(ue, write), true, $"exec_timeout {Seconds(ue)} and {writeText} (either watchdog honours an explicit exec_timeout)")
                    : new Bound("watchdog (unknown)", null, false, "which watchdog runs it is not known (no lang, no mode): on the classic watchdog exec_timeout defaults to 0 (no limit), on of-watchdog to 30s");
        }
    }

    /// <summary>The gateway's upstream timeout and where that figure comes from.</summary>
    public static (TimeSpan Timeout, string Source) Gateway(GatewayFacts? gateway)
        => gateway switch
        {
            { UpstreamTimeout: { } t } when gateway.IsHarness => (t, $"Harness gateway {gateway.Url}: upstream timeout {Seconds(t)} (the embedded platform's setting)"),
            { UpstreamTimeout: { } t } => (t, $"gateway {gateway.Url}: upstream_timeout {Seconds(t)}"),
            { IsHarness: true } => (DefaultUpstreamTimeout, $"Harness gateway {gateway.Url}: upstream timeout not reported; its default {Seconds(DefaultUpstreamTimeout)}"),
            not null => (DefaultUpstreamTimeout, $"gateway {gateway.Url} (provider {gateway.Provider ?? "unknown"}): upstream_timeout not reported by /system/info; OpenFaaS's default {Seconds(DefaultUpstreamTimeout)} assumed"),
            null => (DefaultUpstreamTimeout, $"no gateway asked: OpenFaaS's default upstream_timeout {Seconds(DefaultUpstreamTimeout)} assumed"),
        };

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###}s";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Kind(FunctionFacts f)
    {
        if (f.Mode is { Length: > 0 })
        {
            return "of-watchdog";
        }

        if (f.Lang is not { Length: > 0 } lang)
        {
            return "unknown";
        }

        if (ClassicTemplates.Contains(lang))
        {
            return "classic watchdog";
        }

        return lang.Contains("-http", StringComparison.OrdinalIgnoreCase) || lang.Contains("flask", StringComparison.OrdinalIgnoreCase)
            || lang.Contains("express", StringComparison.OrdinalIgnoreCase) || lang.Contains("middleware", StringComparison.OrdinalIgnoreCase)
            || lang.Contains("fastapi", StringComparison.OrdinalIgnoreCase)
            ? "of-watchdog"
            : "unknown";
    }

    private static string Why(FunctionFacts f) => f.Mode is { Length: > 0 } m ? $"mode {m}" : $"template {f.Lang}";
}
