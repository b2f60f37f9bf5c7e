using System.Runtime.InteropServices;

namespace Harness.Platform.Watchdog.Tests.Support;

internal static partial class Signals
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
