using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// Applies an <see cref="IsolationSpec"/> with system calls, in the order given: its own session, the replica's cgroups,
/// a private mount namespace and its mounts. This replaces a chain of setsid, unshare, sh and mount processes in front
/// of every replica. Any failure stops the watchdog: it never runs less isolated than it was asked to.
/// </summary>
internal static unsafe partial class LinuxIsolation
{
    public const int IsolationError = IsolationSpec.IsolationError;

    // struct statvfs on 64-bit glibc: nine 8-byte fields (f_bsize … f_fsid) precede f_flag.
    private const int StatvfsSize = 256;
    private const int StatvfsFlagOffset = 72;

    /// <summary>
    /// Reads and removes <c>HARNESS_ISOLATION</c>, applies it, and returns 0 to go on; anything else is the exit code
    /// (the reason is on stderr). May not return at all: see <see cref="ReExecInNamespace"/>. The cgroups are joined in
    /// the background: <see cref="IsolationGate"/> holds back every function process until they are.
    /// </summary>
    public static int ApplyFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(IsolationSpec.Variable);
        if (string.IsNullOrEmpty(text))
        {
            // Inside a sandbox: the monitor outside joins the cgroups and says so on this pipe.
            if (Environment.GetEnvironmentVariable(SandboxLauncher.GateVariable) is { Length: > 0 } gate)
            {
                Environment.SetEnvironmentVariable(SandboxLauncher.GateVariable, null);
                IsolationGate.StartWaitingForMonitor(gate);
            }

            if (Environment.ProcessId == 1)
            {
                OrphanReaper.Start();
            }

            return 0;
        }

        // The function must not see (or re-apply) it.
        Environment.SetEnvironmentVariable(IsolationSpec.Variable, null);
        var (steps, errors) = IsolationSpec.Parse(text);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                Console.Error.WriteLine("watchdog: isolation: " + e);
            }

            return IsolationError;
        }

        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("watchdog: isolation: " + IsolationSpec.Variable + " needs Linux");
            return IsolationError;
        }

        // Joining cgroups runs in the background (see IsolationGate); everything else, in order, right here.
        var (joins, before, inside) = SandboxLauncher.Split(steps);
        if (inside is not null && SandboxLauncher.Validate(inside) is { } invalid)
        {
            Console.Error.WriteLine("watchdog: isolation: " + invalid);
            return IsolationError;
        }

        var mountNamespace = false;
        foreach (var step in before)
        {
            var failure = Apply(step);
            if (failure is not null)
            {
                Console.Error.WriteLine($"watchdog: isolation: {step}: {failure}; not starting without the isolation asked for");
                return IsolationError;
            }

            mountNamespace |= step.Operation == "unshare-mount";
        }

        if (inside is not null)
        {
            SandboxLauncher.Run(inside, joins);
        }

        if (mountNamespace && ThreadCount() > 1)
        {
            // The joins are left to the restarted image (an exec would cut a background join short).
            return ReExecInNamespace(string.Concat(joins.Select(j => "join-cgroup\t" + j + "\n")));
        }

        IsolationGate.StartJoining(joins);
        return 0;
    }

    /// <summary>Null when the step worked, else why not.</summary>
    private static string? Apply(IsolationStep step)
    {
        var a = step.Arguments;
        switch (step.Operation)
        {
            case "setsid":
                return Setsid() < 0 ? Error() : null;
            case "unshare-mount":
                return Unshare((int)Sys.CloneNewNs) < 0 ? Error() : null;
            case "make-private":
                return Mount("none", a[0], null, Sys.MsRec | Sys.MsPrivate, null) < 0 ? Error() : null;
            case "bind":
                return Mount(a[0], a[1], null, Sys.MsBind, null) < 0 ? Error() : null;
            case "remount-ro":
                // A bind remount replaces the mount's flags: keep nosuid, nodev and the like as they were.
                var kept = MountFlags(a[0], out var statError);
                if (statError is not null)
                {
                    return statError;
                }

                return Mount("none", a[0], null, Sys.MsRemount | Sys.MsBind | Sys.MsRdonly | kept, null) < 0 ? Error() : null;
            case "tmpfs":
                return Mount("tmpfs", a[0], "tmpfs", 0, a[1]) < 0 ? Error() : null;
            case "mkdir":
                try
                {
                    Directory.CreateDirectory(a[0]);
                    return null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return ex.Message;
                }

            case "move":
                return Mount(a[0], a[1], null, Sys.MsMove, null) < 0 ? Error() : null;
            case "chdir":
                return Chdir(a[0]) < 0 ? Error() : null;
            default:
                return "unknown operation";
        }
    }

    private static long MountFlags(string path, out string? error)
    {
        var buffer = stackalloc byte[StatvfsSize];
        if (Statvfs(path, buffer) < 0)
        {
            error = Error();
            return 0;
        }

        error = null;
        var flags = *(long*)(buffer + StatvfsFlagOffset);
        return flags & (Sys.MsNosuid | Sys.MsNodev | Sys.MsNoexec | Sys.MsNoatime | Sys.MsNodiratime | Sys.MsRelatime);
    }

    private static int ThreadCount()
    {
        try
        {
            return Directory.GetDirectories("/proc/self/task").Length;
        }
        catch (IOException)
        {
            return int.MaxValue;
        }
    }

    /// <summary>
    /// unshare(CLONE_NEWNS) moves only the calling thread into the new namespace, and the runtime has already started
    /// threads of its own; threads they start later would see the host's mounts. So the watchdog executes itself again:
    /// execve keeps the pid, the session, the cgroups and the calling thread's namespace, and starts with one thread.
    /// </summary>
    private static int ReExecInNamespace(string remainingSteps)
    {
        var path = Environment.ProcessPath;
        if (path is null)
        {
            Console.Error.WriteLine("watchdog: isolation: cannot find its own executable to restart in the mount namespace");
            return IsolationError;
        }

        // Started as `dotnet watchdog.dll` (a JIT build), the first argument is the assembly and must be passed on.
        var args = Environment.GetCommandLineArgs();
        var hosted = Path.GetFileNameWithoutExtension(path) == "dotnet";
        var argv = new List<byte[]> { Utf8Z(path) };
        argv.AddRange(args.Skip(hosted ? 0 : 1).Select(Utf8Z));
        var envp = new List<byte[]>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            envp.Add(Utf8Z($"{e.Key}={e.Value}"));
        }

        if (remainingSteps.Length > 0)
        {
            envp.Add(Utf8Z($"{IsolationSpec.Variable}={remainingSteps}"));
        }

        var handles = new List<GCHandle>();
        var argvPtrs = new IntPtr[argv.Count + 1];
        var envPtrs = new IntPtr[envp.Count + 1];
        try
        {
            for (var i = 0; i < argv.Count; i++)
            {
                var h = GCHandle.Alloc(argv[i], GCHandleType.Pinned);
                handles.Add(h);
                argvPtrs[i] = h.AddrOfPinnedObject();
            }

            for (var i = 0; i < envp.Count; i++)
            {
                var h = GCHandle.Alloc(envp[i], GCHandleType.Pinned);
                handles.Add(h);
                envPtrs[i] = h.AddrOfPinnedObject();
            }

            fixed (IntPtr* av = argvPtrs)
            fixed (IntPtr* ev = envPtrs)
            fixed (byte* file = argv[0])
            {
                Execve(file, av, ev);
            }

            Console.Error.WriteLine($"watchdog: isolation: cannot restart {path} in the mount namespace: {Error()}");
            return IsolationError;
        }
        finally
        {
            foreach (var h in handles)
            {
                h.Free();
            }
        }
    }

    private static string Error() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    private static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int Setsid();

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string source, string target, string? fileSystemType, long flags, string? data);

    [LibraryImport("libc", EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chdir(string path);

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statvfs(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static partial int Execve(byte* path, IntPtr* argv, IntPtr* envp);
}
