using System.Runtime.InteropServices;

namespace Harness.Watchdog;

/// <summary>The few libc calls .NET does not expose: signalling a whole process group.</summary>
internal static partial class NativeMethods
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>Leaves at once, running no managed shutdown code (the last resort when an orderly exit hangs).</summary>
    [LibraryImport("libc", EntryPoint = "_exit")]
    public static partial void Exit(int status);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    public static partial int GetPgid(int pid);
}
