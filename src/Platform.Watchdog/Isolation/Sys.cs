using System.Runtime.InteropServices;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// Raw Linux system calls (x86-64 numbers) for the sandbox. The child of <see cref="SandboxLauncher"/> runs between a
/// raw clone and execve in a copy of a multi-threaded runtime, so it may only make system calls: these go through
/// libc's <c>syscall</c> without a GC transition (a suspension requested by a thread that no longer exists would
/// otherwise hang it), take pointers only, and never allocate. The glibc wrappers of setresuid and friends are avoided
/// on purpose: they signal every thread glibc believes exists, which in the child are the parent's.
/// </summary>
internal static unsafe partial class Sys
{
    public const long Write = 1;
    public const long Read = 0;
    public const long Close = 3;
    public const long Clone = 56;
    public const long Execve = 59;
    public const long Kill = 62;
    public const long Chdir = 80;
    public const long Mkdir = 83;
    public const long Symlink = 88;
    public const long Chown = 92;
    public const long Statfs = 137;
    public const long Prctl = 157;
    public const long PivotRoot = 155;
    public const long Mount = 165;
    public const long Umount2 = 166;
    public const long Sethostname = 170;
    public const long Setsid = 112;
    public const long Setgroups = 116;
    public const long Setresuid = 117;
    public const long Setresgid = 119;
    public const long Capset = 126;
    public const long ExitGroup = 231;
    public const long Openat = 257;
    public const long Prlimit64 = 302;
    public const long Seccomp = 317;

    public const long CloneNewNs = 0x00020000;
    public const long CloneNewUts = 0x04000000;
    public const long CloneNewIpc = 0x08000000;
    public const long CloneNewPid = 0x20000000;
    public const long SigChld = 17;

    public const long MsRdonly = 1;
    public const long MsNosuid = 2;
    public const long MsNodev = 4;
    public const long MsNoexec = 8;
    public const long MsRemount = 32;
    public const long MsNoatime = 1024;
    public const long MsNodiratime = 2048;
    public const long MsBind = 4096;
    public const long MsMove = 8192;
    public const long MsRec = 16384;
    public const long MsPrivate = 1 << 18;
    public const long MsRelatime = 1 << 21;
    public const long MntDetach = 2;

    public const long PrSetPdeathsig = 1;
    public const long PrCapbsetDrop = 24;
    public const long PrSetNoNewPrivs = 38;
    public const long PrCapAmbient = 47;
    public const long PrCapAmbientClearAll = 4;
    public const long RlimitNofile = 7;
    public const long SeccompSetModeFilter = 1;

    /// <summary>Returns the result, or -errno.</summary>
    public static long Call(long number, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0, long a6 = 0)
    {
        var r = RawSyscall(number, a1, a2, a3, a4, a5, a6);
        return r == -1 ? -*ErrnoLocation() : r;
    }

    [LibraryImport("libc", EntryPoint = "syscall")]
    [SuppressGCTransition]
    private static partial long RawSyscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport("libc", EntryPoint = "__errno_location")]
    [SuppressGCTransition]
    private static partial int* ErrnoLocation();
}
