using System.Runtime.InteropServices;

namespace Harness.Node.Fsync;

/// <summary>libc's fdatasync, which FileStream.Flush(true) does not expose (it calls fsync).</summary>
internal static partial class NativeSync
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);

    public static void FDataSync(SafeHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
