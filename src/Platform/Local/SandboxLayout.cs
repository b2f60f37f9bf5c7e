using System.Globalization;
using System.Text;

namespace Harness.Platform.Local;

/// <summary>
/// What one replica's sandbox looks like from inside, written as steps the watchdog applies after it cloned itself
/// into new PID, mount, IPC and UTS namespaces: a fresh tmpfs root holding read-only binds of the system folders, a
/// minimal <c>/dev</c>, a <c>/proc</c> of its own PID namespace, a private <c>/tmp</c>, the function's folder at
/// <see cref="FunctionPath"/>, the watchdog at <see cref="WatchdogFolder"/>, its own secrets; then pivot_root (the
/// host's tree is detached), the replica's hostname, <c>RLIMIT_NOFILE</c>, the function's own uid and gid with every
/// capability dropped, no_new_privs, a seccomp filter, and exec of the watchdog.
/// </summary>
internal sealed record SandboxLayout
{
    /// <summary>Where the function's folder is, inside (as in OpenFaaS's templates).</summary>
    public const string FunctionPath = "/home/app/function";

    public const string HomePath = "/home/app";

    /// <summary>The watchdog's folder, inside (read-only).</summary>
    public const string WatchdogFolder = "/run/harness";

    /// <summary>Host folders shown read-only (or as the same symbolic link, on a merged-/usr system) when present.</summary>
    public static readonly IReadOnlyList<string> SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

    /// <summary>Device nodes bound from the host's /dev.</summary>
    public static readonly IReadOnlyList<string> Devices = ["null", "zero", "full", "random", "urandom", "tty"];

    public required int Uid { get; init; }
    public required int Gid { get; init; }

    /// <summary>An empty folder of the replica's own on the host, where its root tmpfs is mounted (in its namespace only).</summary>
    public required string RootDirectory { get; init; }

    public required string Hostname { get; init; }
    public required int OpenFilesLimit { get; init; }
    public string TmpSize { get; init; } = "64m";

    /// <summary>
    /// A host path where the monitor binds the watchdog's Unix socket before the clone (the <c>listen-unix</c> step);
    /// the sandbox inherits the listening descriptor and never sees the file. Null: TCP only.
    /// </summary>
    public string? ListenSocket { get; init; }

    /// <summary>The function's zygote forks the replica's server into the sandbox (see <see cref="PreforkPool"/>); null: none.</summary>
    public PreforkLaunch? Prefork { get; init; }

    /// <summary>Writes the steps from <c>sandbox</c> to <c>exec</c>.</summary>
    public void AppendSteps(StringBuilder s, string functionFolder, string watchdogPath, string? secretsFolder, string secretsTarget, bool readOnlyRoot)
    {
        var root = RootDirectory.TrimEnd('/');
        ReplicaLaunch.Step(s, "sandbox");
        if (ListenSocket is not null)
        {
            ReplicaLaunch.Step(s, "listen-unix", ListenSocket);
        }

        ReplicaLaunch.Step(s, "make-private", "/");
        ReplicaLaunch.Step(s, "tmpfs", root, "mode=0755,size=1m");
        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                ReplicaLaunch.Step(s, "symlink", target, root + folder);
            }
            else if (info.Exists)
            {
                ReadOnlyBind(s, folder, root + folder);
            }
        }

        ReplicaLaunch.Step(s, "mkdir", root + "/dev");
        ReplicaLaunch.Step(s, "tmpfs", root + "/dev", "mode=0755,size=64k");
        foreach (var device in Devices)
        {
            if (File.Exists("/dev/" + device))
            {
                ReplicaLaunch.Step(s, "dev", "/dev/" + device, root + "/dev/" + device);
            }
        }

        ReplicaLaunch.Step(s, "symlink", "/proc/self/fd", root + "/dev/fd");
        ReplicaLaunch.Step(s, "symlink", "/proc/self/fd/0", root + "/dev/stdin");
        ReplicaLaunch.Step(s, "symlink", "/proc/self/fd/1", root + "/dev/stdout");
        ReplicaLaunch.Step(s, "symlink", "/proc/self/fd/2", root + "/dev/stderr");
        ReplicaLaunch.Step(s, "mkdir", root + "/dev/shm");
        ReplicaLaunch.Step(s, "tmpfs", root + "/dev/shm", "mode=1777,size=" + TmpSize);
        ReplicaLaunch.Step(s, "mkdir", root + "/proc");
        ReplicaLaunch.Step(s, "proc", root + "/proc");
        ReplicaLaunch.Step(s, "mkdir", root + "/tmp");
        ReplicaLaunch.Step(s, "tmpfs", root + "/tmp", "mode=1777,size=" + TmpSize);
        ReadOnlyBind(s, functionFolder, root + FunctionPath);
        if (!readOnlyRoot)
        {
            // Its home is its own (the rest of the root belongs to root either way).
            ReplicaLaunch.Step(s, "chown", root + HomePath, Uid.ToString(CultureInfo.InvariantCulture), Gid.ToString(CultureInfo.InvariantCulture));
        }

        ReadOnlyBind(s, Path.GetDirectoryName(watchdogPath) ?? "/", root + WatchdogFolder);
        if (secretsFolder is not null)
        {
            ReadOnlyBind(s, secretsFolder, root + secretsTarget);
        }

        ReplicaLaunch.Step(s, "pivot-root", root);
        if (readOnlyRoot)
        {
            ReplicaLaunch.Step(s, "remount-ro", "/");
        }

        ReplicaLaunch.Step(s, "hostname", Hostname);
        ReplicaLaunch.Step(s, "rlimit-nofile", OpenFilesLimit.ToString(CultureInfo.InvariantCulture));
        ReplicaLaunch.Step(s, "chdir", FunctionPath);
        if (Prefork is { } prefork)
        {
            // Here the sandbox's mounts, hostname and limits are final, and its privileges not yet dropped.
            ReplicaLaunch.Step(s, "prefork", prefork.SocketPath, prefork.RequestPath, prefork.Hold ? "hold" : "start");
        }

        ReplicaLaunch.Step(s, "drop-privileges", Uid.ToString(CultureInfo.InvariantCulture), Gid.ToString(CultureInfo.InvariantCulture));
        ReplicaLaunch.Step(s, "seccomp");
        ReplicaLaunch.Step(s, "exec", WatchdogFolder + "/" + Path.GetFileName(watchdogPath));
    }

    private static void ReadOnlyBind(StringBuilder s, string source, string target)
    {
        ReplicaLaunch.Step(s, "mkdir", target);
        ReplicaLaunch.Step(s, "bind", source, target);
        ReplicaLaunch.Step(s, "remount-ro", target);
    }
}
