using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Harness.Platform.Local;

/// <summary>Settings of the <see cref="LocalProvider"/>: where it keeps state, how it starts and supervises replicas.</summary>
public sealed record LocalProviderOptions
{
    /// <summary>Functions, secrets, artifacts and replica run folders live here.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The watchdog executable started once per replica.</summary>
    public required string WatchdogPath { get; init; }

    /// <summary>
    /// The host-side monitor started in front of each sandboxed replica. Null: <c>sandbox-monitor</c> next to
    /// <see cref="WatchdogPath"/> when there is one (the slim binary), else the watchdog itself in its monitor role
    /// (the same sandbox, about 4 ms more per cold start).
    /// </summary>
    public string? SandboxMonitorPath { get; init; }

    /// <summary>Replicas listen on this loopback address only.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>The delay before the first restart of a replica that exited; it doubles on each further exit.</summary>
    public TimeSpan RestartBackoffInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between restarts, however often a replica exits.</summary>
    public TimeSpan RestartBackoffMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A replica that stayed up this long starts its next backoff from the initial delay again.</summary>
    public TimeSpan RestartBackoffReset { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often <c>/_/health</c> is polled while a replica starts, when replicas cannot notify readiness.</summary>
    public TimeSpan ReadinessPollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Replicas' watchdogs announce readiness on a notify socket (sd_notify style), and the provider probes
    /// <c>/_/health</c> as soon as one does. Set false to rely on polling alone.
    /// </summary>
    public bool UseReadinessNotify { get; init; } = true;

    /// <summary>With readiness notifications: the safety-net poll of <c>/_/health</c> while a replica starts.</summary>
    public TimeSpan ReadinessFallbackPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a running replica's health and OOM counter are checked (like a Kubernetes readiness probe).</summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failed health probes that take a running replica out of rotation (until it answers 200 again).</summary>
    public int LivenessFailureThreshold { get; init; } = 3;

    /// <summary>A replica not ready after this long is killed and restarted with backoff.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between SIGTERM and SIGKILL when a replica is stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The cgroup v1 mount root (controllers are its subfolders).</summary>
    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>Our cgroups are created under <c>{root}/{controller}/{prefix}-{instance}</c>.</summary>
    public string CgroupPrefix { get; init; } = "harness";

    /// <summary>Set false to run without cgroups even as root (limits are then not enforced, with a warning).</summary>
    public bool UseCgroups { get; init; } = true;

    /// <summary>Set false to run without a private mount namespace even as root (secrets then come from a per-function path).</summary>
    public bool UseMountNamespace { get; init; } = true;

    /// <summary>
    /// Each replica's watchdog also serves on a Unix socket in its run folder, and its endpoint names it: the gateway
    /// forwards there instead of over TCP on loopback (fewer system calls and no TCP stack per request).
    /// </summary>
    public bool UnixSockets { get; init; } = true;

    /// <summary>
    /// With cgroups: the provider starts the RCU grace period a replica's cgroup joins wait for while its monitor starts
    /// (no-op moves of one of its own threads; see <c>CgroupAttachWarmup</c>). Off only to measure what it saves.
    /// </summary>
    public bool CgroupJoinWarmup { get; init; } = true;

    /// <summary>
    /// At most this many pre-fork zygotes (one per sandboxed python3-http function; 0 turns pre-forking off). A zygote
    /// holds an interpreter with the template's runtime imported, and a scale from zero forks the replica's server from
    /// it instead of starting an interpreter (docs/platform/cold-start.md).
    /// </summary>
    public int PreforkZygotes { get; init; } = 8;

    /// <summary>The memory limit of each zygote's own cgroup.</summary>
    public long PreforkZygoteMemoryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// Whether a function with a zygote keeps one standby replica while it is scaled to zero: a replica whose sandbox,
    /// watchdog and pre-forked server (dropped to the function's uid, template runtime imported) are started and wait,
    /// so that a scale from zero only imports the handler and binds. It runs no function code until it is taken; it
    /// costs a watchdog's and a server's memory per such function (shown in /system/info). Off: scale from zero starts
    /// the replica then.
    /// </summary>
    public bool PreforkStandby { get; init; } = true;

    /// <summary>
    /// Every replica runs in a sandbox (own uid, no capabilities, no_new_privs, seccomp, own PID, mount, IPC and UTS
    /// namespaces, a minimal read-only root). It needs root; without it functions are refused unless
    /// <see cref="InsecureNoSandbox"/> is set.
    /// </summary>
    public bool UseSandbox { get; init; } = true;

    /// <summary>The operator's explicit consent to run functions without the sandbox (as the platform's own user, which
    /// every function can then act as); what is not enforced is logged and reported by <c>/system/info</c>.</summary>
    public bool InsecureNoSandbox { get; init; }

    /// <summary>The first uid (and gid) given to a function; each function gets its own, kept across restarts.</summary>
    public int UidRangeStart { get; init; } = 12000;

    /// <summary>How many uids the range holds (so at most this many functions at once).</summary>
    public int UidRangeSize { get; init; } = 10000;

    /// <summary><c>RLIMIT_NOFILE</c> (soft and hard) of every sandboxed replica.</summary>
    public int OpenFilesLimit { get; init; } = 16384;

    /// <summary>Size of each sandboxed replica's private <c>/tmp</c> (tmpfs, charged to its memory cgroup).</summary>
    public string TmpSize { get; init; } = "64m";

    /// <summary><c>pids.max</c> of every replica's cgroup.</summary>
    public int PidsMax { get; init; } = 1024;

    /// <summary>Artifact versions kept per image by the garbage collection after each push and deploy, besides any in use.</summary>
    public int ArtifactVersionsToKeep { get; init; } = 3;

    /// <summary>Log lines kept per function for <c>/system/logs</c>.</summary>
    public int LogCapacity { get; init; } = 5000;

    /// <summary>
    /// Platform-wide <c>template_compat</c> for classic python3 functions that do not set their own: <c>openfaas</c> makes
    /// them answer exactly as upstream's template does (the printed return value, status 200).
    /// </summary>
    public string? TemplateCompat { get; init; }

    /// <summary>The clock of timestamps, backoff and health checks; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where supervision events (starts, exits, restarts, the platform's notes) are logged; nothing by default.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
