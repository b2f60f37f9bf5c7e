using System.Diagnostics;
using System.Text;

namespace Harness.Platform.Local;

/// <summary>
/// Everything needed to start one replica, and the command that does it. The watchdog is started directly; what isolates
/// it (its own session, joining the cgroups, a private mount namespace and its mounts) travels in
/// <see cref="IsolationVariable"/> as a list of steps, which the watchdog applies with system calls before it starts
/// anything: the PID never changes and nothing the function forks can start outside its limits.
/// </summary>
internal sealed record ReplicaLaunch
{
    /// <summary>The environment variable the watchdog reads its isolation steps from (and removes).</summary>
    public const string IsolationVariable = "HARNESS_ISOLATION";

    /// <summary>
    /// Names the descriptor (the replica's stdin) whose end of file tells a sandbox's monitor that the provider is gone.
    /// The provider keeps the other end open for the replica's life; the kernel closes it when the provider dies, even
    /// by SIGKILL. A parent-death signal cannot do this: it follows the thread that started the process, and .NET
    /// starts replicas from pool threads that retire while the replica runs.
    /// </summary>
    public const string OwnerPipeVariable = "HARNESS_OWNER_PIPE";

    public required string ReplicaId { get; init; }
    public required string WatchdogPath { get; init; }

    /// <summary>
    /// With a sandbox: the program started in front of the watchdog, which clones the sandbox and stays outside as its
    /// monitor (the slim <c>sandbox-monitor</c>); null when the watchdog plays that role itself.
    /// </summary>
    public string? MonitorPath { get; init; }
    public required string WorkingDirectory { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Folders (one per controller) whose <c>cgroup.procs</c> the watchdog joins; empty without cgroups.</summary>
    public IReadOnlyList<string> CgroupPaths { get; init; } = [];

    /// <summary>The watchdog moves into a private mount namespace (propagation private) for the mounts below.</summary>
    public bool MountNamespace { get; init; }

    /// <summary>With a mount namespace: bind-mounted read-only onto <see cref="SecretMountTarget"/>.</summary>
    public string? SecretsSource { get; init; }

    public string SecretMountTarget { get; init; } = Contracts.PlatformDefaults.SecretMountPath;

    /// <summary>With a mount namespace: <c>/</c> is remounted read-only, with a private writable tmpfs on <c>/tmp</c>.</summary>
    public bool ReadOnlyRoot { get; init; }

    /// <summary>The sandbox the replica runs in (then <see cref="MountNamespace"/> and the /tmp staging are not used).</summary>
    public SandboxLayout? Sandbox { get; init; }

    /// <summary>The Unix socket the replica's watchdog serves on besides its TCP port (the gateway's way in); null: none.</summary>
    public string? UnixSocket { get; init; }

    /// <summary>With a read-only root: an empty folder of the replica's own where its private /tmp is prepared.</summary>
    public string? TmpStagingDirectory { get; init; }

    public ProcessStartInfo ToStartInfo()
    {
        var info = new ProcessStartInfo
        {
            FileName = Sandbox is not null && MonitorPath is not null ? MonitorPath : WatchdogPath,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };

        // A replica sees only the environment we give it, like a container: nothing leaks from the provider's own.
        info.Environment.Clear();
        foreach (var (k, v) in Environment)
        {
            info.Environment[k] = v;
        }

        info.Environment[IsolationVariable] = IsolationSteps();
        if (Sandbox is not null)
        {
            info.Environment[OwnerPipeVariable] = "0";
        }

        return info;
    }

    /// <summary>
    /// The steps, one a line, arguments separated by tabs. The session comes first, so the replica leads its own process
    /// group (it can be signalled as a group, and a Ctrl-C on the terminal reaches the provider, not the replicas).
    /// </summary>
    public string IsolationSteps()
    {
        var s = new StringBuilder();
        Step(s, "setsid");
        foreach (var path in CgroupPaths)
        {
            Step(s, "join-cgroup", Path.Combine(path, "cgroup.procs"));
        }

        if (Sandbox is { } sandbox)
        {
            sandbox.AppendSteps(s, WorkingDirectory, WatchdogPath, SecretsSource, SecretMountTarget, ReadOnlyRoot);
        }
        else if (MountNamespace)
        {
            Step(s, "unshare-mount");
            Step(s, "make-private", "/");
            if (SecretsSource is not null)
            {
                Step(s, "bind", SecretsSource, SecretMountTarget);
                Step(s, "remount-ro", SecretMountTarget);
            }

            if (ReadOnlyRoot)
            {
                AppendReadOnlyRoot(s);
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// A fresh tmpfs becomes /tmp. It is first mounted on a staging folder, where the working folder and the watchdog's
    /// folder are bind-mounted (read-only) at their /tmp paths if they live there, then moved onto /tmp in one step:
    /// nothing the replica needs is hidden. Then / is remounted read-only (only in this namespace).
    /// </summary>
    private void AppendReadOnlyRoot(StringBuilder s)
    {
        var staging = TmpStagingDirectory ?? throw new InvalidOperationException("a read-only root needs a staging folder for /tmp");
        Step(s, "tmpfs", staging, "mode=1777,size=64m");
        var exposed = new List<string>();
        foreach (var path in new[] { WorkingDirectory, Path.GetDirectoryName(WatchdogPath) ?? "/" })
        {
            var full = path.TrimEnd('/');
            if (IsUnder(full, "/tmp") && full != "/tmp" && !exposed.Any(e => IsUnder(full, e)))
            {
                exposed.Add(full);
            }
        }

        foreach (var path in exposed)
        {
            var inside = staging.TrimEnd('/') + path["/tmp".Length..];
            Step(s, "mkdir", inside);
            Step(s, "bind", path, inside);
            Step(s, "remount-ro", inside);
        }

        Step(s, "move", staging, "/tmp");
        if (IsUnder(WorkingDirectory, "/tmp"))
        {
            // The old working folder was the host's /tmp copy; enter the one now visible in this namespace.
            Step(s, "chdir", WorkingDirectory);
        }

        Step(s, "remount-ro", "/");
    }

    internal static void Step(StringBuilder s, string operation, params string[] arguments)
    {
        s.Append(operation);
        foreach (var a in arguments)
        {
            if (a.Contains('\t', StringComparison.Ordinal) || a.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"isolation path '{a}' contains a tab or a newline");
            }

            s.Append('\t').Append(a);
        }

        s.Append('\n');
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal) || path == root;
}
