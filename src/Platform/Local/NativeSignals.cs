using System.Runtime.InteropServices;

namespace Harness.Platform.Local;

/// <summary>kill(2), so the provider can signal a replica's whole process group.</summary>
internal static partial class NativeSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends a signal; a negative pid means the process group. False when no such process (ESRCH) or not allowed.</summary>
    public static bool Kill(int pid, int signal) => OperatingSystem.IsLinux() && kill(pid, signal) == 0;

    public static bool Exists(int pid) => OperatingSystem.IsLinux() && kill(pid, 0) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
