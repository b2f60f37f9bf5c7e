using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// The <c>sandbox</c> step: the watchdog clones itself into new PID, mount, IPC and UTS namespaces. The child is PID 1
/// of its namespace; still root and still a single thread (a clone copies only the calling thread), it applies the
/// steps that follow (a fresh root, its mounts, hostname, limits, then drops every privilege and installs a seccomp
/// filter) and executes the watchdog again, unprivileged from its first instruction. The parent stays in the host's
/// namespaces as a small monitor: it places the child in the replica's cgroups, forwards SIGTERM and SIGINT, and exits
/// with the child's status. When PID 1 of a namespace dies the kernel kills everything else in it: nothing a function
/// started outlives its watchdog.
/// </summary>
internal static unsafe partial class SandboxLauncher
{
    /// <summary>Names the inherited pipe the sandboxed watchdog reads one byte from once its cgroups are joined.</summary>
    public const string GateVariable = "HARNESS_ISOLATION_GATE";

    /// <summary>
    /// Names a descriptor whose writer is the replica's provider: when it reads end of file the provider is gone (even
    /// killed by SIGKILL), and the monitor kills the sandbox, so no replica outlives the process that started it.
    /// </summary>
    public const string OwnerPipeVariable = "HARNESS_OWNER_PIPE";

    private const int OCloexec = 0x80000;
    private const int OCreat = 0x40;
    private const int OWronly = 1;
    private const int AtFdcwd = -100;
    private const int Eexist = 17;
    private const int Eintr = 4;
    private const int Einval = 22;
    private const int SigKill = 9;

    private static volatile int _child;
    private static int _lastCap = 63;
    private static volatile int _pendingSignal;

    /// <summary>Operations allowed after <c>sandbox</c>, run by the child before it executes the watchdog.</summary>
    private enum Op
    {
        MakePrivate, Tmpfs, Mkdir, Bind, RemountRo, Symlink, Dev, Proc, PivotRoot, Hostname, RlimitNofile, Chdir, Chown,
        DropPrivileges, Seccomp, Exec, Prefork,
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Compiled
    {
        public Op Op;
        public byte* A;
        public byte* B;
        public long N1;
        public long N2;
    }

    private static readonly Dictionary<string, Op> Ops = new(StringComparer.Ordinal)
    {
        ["make-private"] = Op.MakePrivate, ["tmpfs"] = Op.Tmpfs, ["mkdir"] = Op.Mkdir, ["bind"] = Op.Bind,
        ["remount-ro"] = Op.RemountRo, ["symlink"] = Op.Symlink, ["dev"] = Op.Dev, ["proc"] = Op.Proc,
        ["pivot-root"] = Op.PivotRoot, ["hostname"] = Op.Hostname, ["rlimit-nofile"] = Op.RlimitNofile,
        ["chdir"] = Op.Chdir, ["chown"] = Op.Chown, ["drop-privileges"] = Op.DropPrivileges, ["seccomp"] = Op.Seccomp,
        ["exec"] = Op.Exec, [PreforkRequest.Operation] = Op.Prefork,
    };

    /// <summary>
    /// The cgroup files to join, the steps before <c>sandbox</c> and the steps after it (both without the joins, which
    /// run beside them); <c>Inside</c> is null when there is no <c>sandbox</c> step.
    /// </summary>
    public static (IReadOnlyList<string> Joins, IReadOnlyList<IsolationStep> Before, IReadOnlyList<IsolationStep>? Inside) Split(IReadOnlyList<IsolationStep> steps)
    {
        var joins = steps.Where(st => st.Operation == "join-cgroup").Select(st => st.Arguments[0]).ToList();
        var sandbox = steps.ToList().FindIndex(st => st.Operation == "sandbox");
        var before = steps.Take(sandbox < 0 ? steps.Count : sandbox).Where(st => st.Operation != "join-cgroup").ToList();
        var inside = sandbox < 0 ? null : steps.Skip(sandbox + 1).Where(st => st.Operation != "join-cgroup").ToList();
        return (joins, before, inside);
    }

    /// <summary>Null when every step may follow <c>sandbox</c> (and the last is exec), else why not.</summary>
    public static string? Validate(IReadOnlyList<IsolationStep> steps)
    {
        foreach (var s in steps)
        {
            if (!Ops.ContainsKey(s.Operation) && s.Operation != InheritedListener.Operation)
            {
                return $"'{s.Operation}' cannot follow sandbox";
            }
        }

        if (steps.Count(s => s.Operation == InheritedListener.Operation) > 1)
        {
            return $"at most one {InheritedListener.Operation} may follow sandbox";
        }

        if (steps.Count(s => s.Operation == PreforkRequest.Operation) > 1)
        {
            return $"at most one {PreforkRequest.Operation} may follow sandbox";
        }

        if (steps.FirstOrDefault(s => s.Operation == PreforkRequest.Operation) is { } fork && !PreforkRequest.Modes.Contains(fork.Arguments[2]))
        {
            return $"{fork}: the mode must be {string.Join(" or ", PreforkRequest.Modes)}";
        }

        if (steps.Count == 0 || steps[^1].Operation != "exec")
        {
            return "the steps after sandbox must end with exec";
        }

        foreach (var s in steps.Where(s => s.Operation is "rlimit-nofile" or "chown" or "drop-privileges"))
        {
            foreach (var n in s.Operation == "chown" ? s.Arguments.Skip(1) : s.Arguments)
            {
                if (!long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"{s}: '{n}' is not a number";
                }
            }
        }

        return null;
    }

    /// <summary>Clones the sandbox, monitors it, and exits with its status: never returns.</summary>
    public static void Run(IReadOnlyList<IsolationStep> steps, IReadOnlyList<string> cgroupProcsFiles)
    {
        // listen-unix is the monitor's own step, done here in the host's namespaces (see InheritedListener).
        var listener = -1;
        if (steps.FirstOrDefault(s => s.Operation == InheritedListener.Operation) is { } listen)
        {
            listener = InheritedListener.Create(listen.Arguments[0], out var listenError);
            if (listener < 0)
            {
                Fail($"{listen}: {listenError}");
            }

            Environment.SetEnvironmentVariable(InheritedListener.Variable, listener.ToString(CultureInfo.InvariantCulture));
            steps = [.. steps.Where(s => s.Operation != InheritedListener.Operation)];
        }

        var prefork = steps.FirstOrDefault(s => s.Operation == PreforkRequest.Operation);
        if (prefork is not null && !PreforkRequest.Prepare(prefork, out var preforkError))
        {
            Fail($"{prefork}: {preforkError}");
        }

        // Everything the child needs is prepared here, in unmanaged memory the child only reads.
        var compiled = (Compiled*)NativeMemory.AllocZeroed((nuint)steps.Count, (nuint)sizeof(Compiled));
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var c = &compiled[i];
            c->Op = Ops[s.Operation];
            c->A = s.Arguments.Count > 0 ? Utf8Z(s.Arguments[0]) : null;
            c->B = s.Arguments.Count > 1 ? Utf8Z(s.Arguments[1]) : null;
            switch (c->Op)
            {
                case Op.RlimitNofile:
                    c->N1 = long.Parse(s.Arguments[0], CultureInfo.InvariantCulture);
                    break;
                case Op.Chown:
                    c->N1 = long.Parse(s.Arguments[1], CultureInfo.InvariantCulture);
                    c->N2 = long.Parse(s.Arguments[2], CultureInfo.InvariantCulture);
                    break;
                case Op.DropPrivileges:
                    c->N1 = long.Parse(s.Arguments[0], CultureInfo.InvariantCulture);
                    c->N2 = long.Parse(s.Arguments[1], CultureInfo.InvariantCulture);
                    _lastCap = LastCapability();
                    break;
                case Op.Hostname:
                    c->N1 = Encoding.UTF8.GetByteCount(s.Arguments[0]);
                    break;
                case Op.Prefork:
                    c->N1 = PreforkRequest.BuiltWrite;
                    break;
            }
        }

        // The literals below are static: initialise them here, never first in the child.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(SandboxLauncher).TypeHandle);
        var filter = SeccompFilter.Build();
        var filterMemory = (byte*)NativeMemory.Alloc((nuint)filter.Length);
        filter.CopyTo(new Span<byte>(filterMemory, filter.Length));
        var program = (byte*)NativeMemory.AllocZeroed(16);
        *(ushort*)program = (ushort)(filter.Length / 8);
        *(byte**)(program + 8) = filterMemory;
        var capHeader = (uint*)NativeMemory.AllocZeroed(8);
        capHeader[0] = 0x20080522; // _LINUX_CAPABILITY_VERSION_3
        var capData = NativeMemory.AllocZeroed(24);
        var limit = (long*)NativeMemory.AllocZeroed(16);
        var statfs = (byte*)NativeMemory.AllocZeroed(256);

        var gate = stackalloc int[2];
        var joins = cgroupProcsFiles.Count > 0;
        if (joins && Libc.Pipe2(gate, 0) != 0)
        {
            Fail("cannot create the cgroup gate pipe: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        var errors = stackalloc int[2];
        if (Libc.Pipe2(errors, OCloexec) != 0)
        {
            Fail("cannot create the error pipe: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        if (joins)
        {
            // The read end stays open across exec; the write end is the monitor's alone.
            _ = Libc.Fcntl(gate[1], 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
        }

        var ownerFd = -1;
        if (Environment.GetEnvironmentVariable(OwnerPipeVariable) is { Length: > 0 } ownerText)
        {
            Environment.SetEnvironmentVariable(OwnerPipeVariable, null);
            if (!int.TryParse(ownerText, NumberStyles.None, CultureInfo.InvariantCulture, out ownerFd))
            {
                Fail($"{OwnerPipeVariable}='{ownerText}' is not a file descriptor");
            }
        }

        var environment = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{e.Key}={e.Value}");
        }

        if (joins)
        {
            environment.Add($"{GateVariable}={gate[0].ToString(CultureInfo.InvariantCulture)}");
        }

        var exec = steps[^1].Arguments[0];
        var argv = (byte**)NativeMemory.AllocZeroed(2, (nuint)sizeof(byte*));
        argv[0] = Utf8Z(exec);
        var envp = (byte**)NativeMemory.AllocZeroed((nuint)environment.Count + 1, (nuint)sizeof(byte*));
        for (var i = 0; i < environment.Count; i++)
        {
            envp[i] = Utf8Z(environment[i]);
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        Console.Out.Flush();
        Console.Error.Flush();

        var pid = Sys.Call(Sys.Clone, Sys.CloneNewNs | Sys.CloneNewPid | Sys.CloneNewIpc | Sys.CloneNewUts | Sys.SigChld);
        if (pid == 0)
        {
            RunChild(compiled, steps.Count, errors[1], program, capHeader, capData, limit, statfs, argv, envp);
        }

        if (pid < 0)
        {
            Fail("clone into new PID, mount, IPC and UTS namespaces failed: " + Marshal.GetPInvokeErrorMessage((int)-pid));
        }

        _child = (int)pid;
        _ = Libc.Close(errors[1]);
        if (listener >= 0)
        {
            // The sandbox holds the listener now; the monitor never accepts.
            _ = Libc.Close(listener);
        }
        if (joins)
        {
            _ = Libc.Close(gate[0]);
            StartJoining((int)pid, cgroupProcsFiles, gate[1]);
        }

        if (prefork is not null)
        {
            PreforkRequest.Start((int)pid, filter);
        }

        if (_pendingSignal != 0)
        {
            _ = Sys.Call(Sys.Kill, pid, _pendingSignal);
        }

        if (ownerFd >= 0)
        {
            StartWatchingOwner((int)pid, ownerFd);
        }

        var report = stackalloc int[2];
        var got = ReadFully(errors[0], (byte*)report, 8);
        _ = Libc.Close(errors[0]);
        if (got == 8)
        {
            var index = report[0];
            var what = index >= 0 && index < steps.Count ? steps[index].ToString() : "step " + index;
            Console.Error.WriteLine($"watchdog: isolation: {what}: {Marshal.GetPInvokeErrorMessage(report[1])}; not starting without the isolation asked for");
        }

        var code = WaitForChild((int)pid);
        Console.Error.Flush();
        Exit(got == 8 ? IsolationSpec.IsolationError : code);
    }

    private static void Forward(PosixSignalContext context)
    {
        context.Cancel = true;
        var signal = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        var child = _child;
        if (child > 0)
        {
            _ = Sys.Call(Sys.Kill, child, signal);
        }
        else
        {
            _pendingSignal = signal;
        }
    }

    /// <summary>
    /// cgroup v1 joins are slow (an RCU grace period each): they run here, for the child's pid, while the child sets up
    /// its root and starts; the sandboxed watchdog starts no function before it reads the gate's byte.
    /// </summary>
    private static void StartJoining(int pid, IReadOnlyList<string> files, int gateWrite)
    {
        var thread = new Thread(
            () =>
            {
                var text = pid.ToString(CultureInfo.InvariantCulture);
                foreach (var file in files)
                {
                    try
                    {
                        File.WriteAllText(file, text);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        Console.Error.WriteLine($"watchdog: isolation: join-cgroup {file}: {ex.Message}; not starting without the isolation asked for");
                        Console.Error.Flush();
                        _ = Sys.Call(Sys.Kill, pid, SigKill);
                        Exit(IsolationSpec.IsolationError);
                    }
                }

                byte one = 1;
                _ = Libc.WriteFd(gateWrite, &one, 1);
                _ = Libc.Close(gateWrite);
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "cgroup join",
        };
        thread.Start();
    }

    /// <summary>
    /// Blocks on the owner's pipe: end of file (or an error) means the provider is gone, so the sandbox's PID 1 is killed,
    /// and with it every process of its namespace; the monitor then exits as its child did. A byte on it is the
    /// provider's go for a held (standby) replica.
    /// </summary>
    private static void StartWatchingOwner(int pid, int fd)
    {
        var thread = new Thread(
            () =>
            {
                var buffer = stackalloc byte[64];
                long n;
                do
                {
                    n = Sys.Call(Sys.Read, fd, (long)buffer, 64);
                    if (n > 0)
                    {
                        // Any byte from the provider releases a held replica (see PreforkRequest.Go).
                        PreforkRequest.Go();
                    }
                }
                while (n > 0 || n == -Eintr);

                _ = Sys.Call(Sys.Kill, pid, SigKill);
            },
            maxStackSize: 64 * 1024)
        {
            IsBackground = true,
            Name = "owner watch",
        };
        thread.Start();
    }

    private static int WaitForChild(int pid)
    {
        int status;
        int rc;
        do
        {
            rc = Libc.WaitPid(pid, &status, 0);
        }
        while (rc < 0 && Marshal.GetLastPInvokeError() == Eintr);

        if (rc < 0)
        {
            return IsolationSpec.IsolationError;
        }

        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
    }

    private static int ReadFully(int fd, byte* buffer, int count)
    {
        var got = 0;
        while (got < count)
        {
            var n = Sys.Call(Sys.Read, fd, (long)(buffer + got), count - got);
            if (n == -Eintr)
            {
                continue;
            }

            if (n <= 0)
            {
                break;
            }

            got += (int)n;
        }

        return got;
    }

    /// <summary>In the cloned child: system calls only (see <see cref="Sys"/>). Never returns.</summary>
    private static void RunChild(Compiled* steps, int count, int errorFd, byte* program, uint* capHeader, void* capData, long* limit, byte* statfs, byte** argv, byte** envp)
    {
        var report = stackalloc int[2];
        for (var i = 0; i < count; i++)
        {
            var s = &steps[i];
            var rc = Apply(s, program, capHeader, capData, limit, statfs, argv, envp);
            if (rc < 0)
            {
                report[0] = i;
                report[1] = (int)-rc;
                _ = Sys.Call(Sys.Write, errorFd, (long)report, 8);
                _ = Sys.Call(Sys.ExitGroup, IsolationSpec.IsolationError);
            }
        }

        _ = Sys.Call(Sys.ExitGroup, IsolationSpec.IsolationError);
    }

    private static long Apply(Compiled* s, byte* program, uint* capHeader, void* capData, long* limit, byte* statfs, byte** argv, byte** envp)
    {
        switch (s->Op)
        {
            case Op.MakePrivate:
                return Sys.Call(Sys.Mount, (long)NoneZ, (long)s->A, 0, Sys.MsRec | Sys.MsPrivate, 0);
            case Op.Tmpfs:
                return Sys.Call(Sys.Mount, (long)TmpfsZ, (long)s->A, (long)TmpfsZ, Sys.MsNosuid | Sys.MsNodev, (long)s->B);
            case Op.Mkdir:
                return MkdirAll(s->A);
            case Op.Bind:
                return Sys.Call(Sys.Mount, (long)s->A, (long)s->B, 0, Sys.MsBind, 0);
            case Op.RemountRo:
            {
                var r = Sys.Call(Sys.Statfs, (long)s->A, (long)statfs);
                if (r < 0)
                {
                    return r;
                }

                // A bind remount replaces the mount's flags: keep what restricted it, add nosuid, never weaken.
                var f = *(long*)(statfs + 80);
                var kept = (f & (Sys.MsNodev | Sys.MsNoexec | Sys.MsNoatime | Sys.MsNodiratime)) | ((f & 4096) != 0 ? Sys.MsRelatime : 0);
                return Sys.Call(Sys.Mount, (long)NoneZ, (long)s->A, 0, Sys.MsRemount | Sys.MsBind | Sys.MsRdonly | Sys.MsNosuid | kept, 0);
            }

            case Op.Symlink:
                return Sys.Call(Sys.Symlink, (long)s->A, (long)s->B);
            case Op.Dev:
            {
                var fd = Sys.Call(Sys.Openat, AtFdcwd, (long)s->B, OCreat | OWronly | OCloexec, 0x1b6);
                if (fd < 0)
                {
                    return fd;
                }

                _ = Sys.Call(Sys.Close, fd);
                return Sys.Call(Sys.Mount, (long)s->A, (long)s->B, 0, Sys.MsBind, 0);
            }

            case Op.Proc:
                return Sys.Call(Sys.Mount, (long)ProcZ, (long)s->A, (long)ProcZ, Sys.MsNosuid | Sys.MsNodev | Sys.MsNoexec, 0);
            case Op.PivotRoot:
            {
                // pivot_root(".", "."): the old root ends up under the new one and is detached at once.
                var r = Sys.Call(Sys.Chdir, (long)s->A);
                if (r >= 0)
                    {
                        r = Sys.Call(Sys.PivotRoot, (long)DotZ, (long)DotZ);
                    }

                    if (r >= 0)
                    {
                        r = Sys.Call(Sys.Umount2, (long)DotZ, Sys.MntDetach);
                    }

                    if (r >= 0)
                    {
                        r = Sys.Call(Sys.Chdir, (long)SlashZ);
                    }

                    return r;
            }

            case Op.Hostname:
                return Sys.Call(Sys.Sethostname, (long)s->A, s->N1);
            case Op.RlimitNofile:
                limit[0] = s->N1;
                limit[1] = s->N1;
                return Sys.Call(Sys.Prlimit64, 0, Sys.RlimitNofile, (long)limit, 0);
            case Op.Chdir:
                return Sys.Call(Sys.Chdir, (long)s->A);
            case Op.Chown:
                return Sys.Call(Sys.Chown, (long)s->A, s->N1, s->N2);
            case Op.DropPrivileges:
                return DropPrivileges(s->N1, s->N2, capHeader, capData);
            case Op.Seccomp:
                return Sys.Call(Sys.Seccomp, Sys.SeccompSetModeFilter, 0, (long)program);
            case Op.Prefork:
            {
                // The mounts, hostname and limits are final: the monitor may now have the zygote fork the server in.
                byte one = 1;
                var r = Sys.Call(Sys.Write, s->N1, (long)&one, 1);
                _ = Sys.Call(Sys.Close, s->N1);
                return r < 0 ? r : 0;
            }

            case Op.Exec:
                argv[0] = s->A;
                return Sys.Call(Sys.Execve, (long)s->A, (long)argv, (long)envp);
            default:
                return -Einval;
        }
    }

    /// <summary>
    /// Every capability out of the bounding set (while CAP_SETPCAP is still held), no supplementary groups, the
    /// function's gid and uid for real, effective and saved ids (which clears the permitted and effective sets), then
    /// the inheritable and ambient sets cleared, no_new_privs, and death with the monitor.
    /// </summary>
    private static long DropPrivileges(long uid, long gid, uint* capHeader, void* capData)
    {
        for (var cap = 0; cap <= _lastCap; cap++)
        {
            var r = Sys.Call(Sys.Prctl, Sys.PrCapbsetDrop, cap);
            if (r < 0 && r != -Einval)
            {
                return r;
            }
        }

        long rc;
        if ((rc = Sys.Call(Sys.Setgroups, 0, 0)) < 0)
        {
            return rc;
        }

        if ((rc = Sys.Call(Sys.Setresgid, gid, gid, gid)) < 0)
        {
            return rc;
        }

        if ((rc = Sys.Call(Sys.Setresuid, uid, uid, uid)) < 0)
        {
            return rc;
        }

        if ((rc = Sys.Call(Sys.Capset, (long)capHeader, (long)capData)) < 0)
        {
            return rc;
        }

        if ((rc = Sys.Call(Sys.Prctl, Sys.PrCapAmbient, Sys.PrCapAmbientClearAll, 0, 0, 0)) < 0)
        {
            return rc;
        }

        if ((rc = Sys.Call(Sys.Prctl, Sys.PrSetNoNewPrivs, 1, 0, 0, 0)) < 0)
        {
            return rc;
        }
        // Set after the id change, which clears it.
        return Sys.Call(Sys.Prctl, Sys.PrSetPdeathsig, SigKill);
    }

    /// <summary>The kernel's highest capability number (every one up to it is dropped; 63 when it does not say).</summary>
    private static int LastCapability()
    {
        try
        {
            return int.TryParse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 64 ? n : 63;
        }
        catch (IOException)
        {
            return 63;
        }
    }

    /// <summary>mkdir -p on a NUL-terminated path the child owns (it is cut and restored in place).</summary>
    private static long MkdirAll(byte* path)
    {
        for (var p = path + 1; ; p++)
        {
            var end = *p == 0;
            if (*p == (byte)'/' || end)
            {
                var saved = *p;
                *p = 0;
                var r = Sys.Call(Sys.Mkdir, (long)path, 0x1ed);
                *p = saved;
                if (r < 0 && r != -Eexist)
                {
                    return r;
                }
            }

            if (end)
            {
                return 0;
            }
        }
    }

    private static readonly byte* NoneZ = Utf8Z("none");
    private static readonly byte* TmpfsZ = Utf8Z("tmpfs");
    private static readonly byte* ProcZ = Utf8Z("proc");
    private static readonly byte* DotZ = Utf8Z(".");
    private static readonly byte* SlashZ = Utf8Z("/");

    private static byte* Utf8Z(string s)
    {
        var count = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.AllocZeroed((nuint)count + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, count));
        return p;
    }

    private static void Exit(int code) => Sys.Call(Sys.ExitGroup, code);

    private static void Fail(string message)
    {
        Console.Error.WriteLine("watchdog: isolation: " + message + "; not starting without the isolation asked for");
        Console.Error.Flush();
        Exit(IsolationSpec.IsolationError);
    }
}
