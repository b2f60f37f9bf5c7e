using System.Runtime.InteropServices;

namespace Harness.Platform.Local;

/// <summary>chown(2), which .NET does not expose: a sandboxed function's secrets belong to its own uid.</summary>
internal static partial class NativeFiles
{
    /// <summary>Gives <paramref name="path"/> to <paramref name="uid"/>:<paramref name="gid"/>, or throws naming the path.</summary>
    public static void Chown(string path, int uid, int gid)
    {
        if (chown(path, uid, gid) != 0)
        {
            throw new IOException($"cannot give {path} to uid {uid}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, int owner, int group);
}
