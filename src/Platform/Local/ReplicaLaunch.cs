using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Harness.Platform.Local;

/// <summary>
/// Everything needed to start one replica, and the command that does it. When cgroups or a mount namespace are used the
/// watchdog is started through a small <c>/bin/sh</c> wrapper that joins the cgroups and sets up the mounts before it
/// execs the watchdog in place: the PID never changes and nothing the function forks can start outside its limits.
/// </summary>
internal sealed record ReplicaLaunch
{
    public required string ReplicaId { get; init; }
    public required string WatchdogPath { get; init; }
    public required string WorkingDirectory { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Folders (one per controller) whose <c>cgroup.procs</c> the wrapper joins; empty without cgroups.</summary>
    public IReadOnlyList<string> CgroupPaths { get; init; } = [];

    /// <summary>Runs the wrapper in a private mount namespace (<c>unshare -m</c>, propagation private).</summary>
    public bool MountNamespace { get; init; }

    /// <summary>With a mount namespace: bind-mounted read-only onto <see cref="SecretMountTarget"/>.</summary>
    public string? SecretsSource { get; init; }

    public string SecretMountTarget { get; init; } = Contracts.PlatformDefaults.SecretMountPath;

    /// <summary>With a mount namespace: <c>/</c> is remounted read-only, with a private writable tmpfs on <c>/tmp</c>.</summary>
    public bool ReadOnlyRoot { get; init; }

    /// <summary>With a read-only root: an empty folder of the replica's own where its private /tmp is prepared.</summary>
    public string? TmpStagingDirectory { get; init; }

    public const string SetsidPath = "/usr/bin/setsid";
    public const string UnsharePath = "/usr/bin/unshare";

    public bool NeedsWrapper => CgroupPaths.Count > 0 || MountNamespace;

    public ProcessStartInfo ToStartInfo()
    {
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };

        // setsid makes the replica lead its own process group (it execs in place: a fresh child is no group leader),
        // so it can be signalled as a group and a Ctrl-C on the terminal reaches the provider, not the replicas.
        var argv = new List<string>();
        if (File.Exists(SetsidPath))
        {
            argv.Add(SetsidPath);
        }

        if (MountNamespace)
        {
            argv.AddRange([UnsharePath, "--mount", "--propagation", "private"]);
        }

        if (NeedsWrapper)
        {
            argv.AddRange(["/bin/sh", "-c", WrapperScript()]);
        }
        else
        {
            argv.Add(WatchdogPath);
        }

        info.FileName = argv[0];
        foreach (var a in argv.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        // A replica sees only the environment we give it, like a container: nothing leaks from the provider's own.
        info.Environment.Clear();
        foreach (var (k, v) in Environment)
        {
            info.Environment[k] = v;
        }

        return info;
    }

    public string WrapperScript()
    {
        var s = new StringBuilder("set -e\n");
        foreach (var path in CgroupPaths)
        {
            s.Append(CultureInfo.InvariantCulture, $"echo $$ > {Quote(Path.Combine(path, "cgroup.procs"))}\n");
        }

        if (MountNamespace)
        {
            if (SecretsSource is not null)
            {
                s.Append(CultureInfo.InvariantCulture, $"mount --bind {Quote(SecretsSource)} {Quote(SecretMountTarget)}\n");
                s.Append(CultureInfo.InvariantCulture, $"mount -o remount,bind,ro {Quote(SecretMountTarget)}\n");
            }

            if (ReadOnlyRoot)
            {
                AppendReadOnlyRoot(s);
            }
        }

        s.Append(CultureInfo.InvariantCulture, $"exec {Quote(WatchdogPath)}\n");
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
        var t = Quote(staging);
        s.Append(CultureInfo.InvariantCulture, $"mount -t tmpfs -o mode=1777,size=64m tmpfs {t}\n");
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
            var inside = Quote(staging.TrimEnd('/') + path["/tmp".Length..]);
            s.Append(CultureInfo.InvariantCulture, $"mkdir -p {inside}\nmount --bind {Quote(path)} {inside}\nmount -o remount,bind,ro {inside}\n");
        }

        s.Append(CultureInfo.InvariantCulture, $"mount --move {t} /tmp\n");
        if (IsUnder(WorkingDirectory, "/tmp"))
        {
            s.Append(CultureInfo.InvariantCulture, $"cd {Quote(WorkingDirectory)}\n");
        }

        s.Append("mount -o remount,bind,ro /\n");
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal) || path == root;

    /// <summary>POSIX single quoting: safe for any path.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
