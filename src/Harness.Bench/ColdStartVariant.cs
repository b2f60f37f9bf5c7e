using Harness.Platform.Local;

namespace Harness.Bench;

/// <summary>One way of running the embedded platform's replicas that the cold-start benchmark times side by side.</summary>
internal sealed record ColdStartVariant(string Label, Func<LocalProviderOptions, LocalProviderOptions> Configure)
{
    /// <summary>The platform as users get it: the sandbox with the slim <c>sandbox-monitor</c> (when it was published).</summary>
    public static ColdStartVariant Sandboxed { get; } = new("sandbox (as deployed)", o => o);

    /// <summary>The same sandbox with the full NativeAOT watchdog as its host-side monitor (how issue 13 first shipped).</summary>
    public static ColdStartVariant FullWatchdogMonitor { get; } = new("sandbox, full watchdog as monitor", o => o with { SandboxMonitorPath = o.WatchdogPath });

    /// <summary>The sandbox without pre-forking: the watchdog starts the server itself (every cold start before issue 18).</summary>
    public static ColdStartVariant NoPrefork { get; } = new("sandbox, no pre-forking", o => o with { PreforkZygotes = 0 });

    /// <summary>Pre-forked, but without a standby replica: the sandbox, the monitor and the watchdog start at the scale from zero.</summary>
    public static ColdStartVariant NoStandby { get; } = new("sandbox, pre-forked, no standby replica", o => o with { PreforkStandby = false });

    /// <summary>No sandbox at all (insecure; only to measure what the sandbox costs; without a sandbox nothing is pre-forked).</summary>
    public static ColdStartVariant Unsandboxed { get; } = new("no sandbox (insecure, for the cost only)", o => o with { UseSandbox = false, InsecureNoSandbox = true });
}
