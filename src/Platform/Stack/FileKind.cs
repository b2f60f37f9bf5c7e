using System.Runtime.InteropServices;

namespace Harness.Platform.Stack;

/// <summary>
/// Whether a path is a regular file, asked of the kernel (<c>stat</c>, links followed): .NET reports devices, FIFOs and
/// sockets as ordinary files, and reading <c>/dev/zero</c> or a FIFO whole never ends.
/// </summary>
internal static partial class FileKind
{
    private const uint TypeMask = 0xF000;   // S_IFMT
    private const uint Regular = 0x8000;    // S_IFREG

    /// <summary>True for a regular file; true also where the kind cannot be asked (not Linux), so nothing valid is refused.</summary>
    public static bool IsRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // st_mode sits after st_dev, st_ino and (on x86-64) st_nlink; the generic layout (arm64) has st_nlink after it.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return true; // the read that follows reports the real error (missing, no permission)
        }

        return (BitConverter.ToUInt32(buffer, offset) & TypeMask) == Regular;
    }

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
