using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// The <c>listen-unix PATH</c> step: the monitor, still root and still in the host's namespaces, binds a Unix stream
/// socket at PATH before it clones the sandbox, and the sandboxed watchdog inherits the listening descriptor (named in
/// <see cref="Variable"/>). The socket file lives on the host, in a folder the sandbox never sees (its root is pivoted
/// away), owned by the provider with mode 0600: the function can neither reach it nor swap it for a link to another
/// socket, and the watchdog needs no writable folder shared with the host.
/// </summary>
internal static unsafe partial class InheritedListener
{
    /// <summary>The environment variable holding the inherited listening descriptor's number.</summary>
    public const string Variable = "HARNESS_LISTEN_FD";

    public const string Operation = "listen-unix";

    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SunPathLength = 108;
    private const int Backlog = 511;
    private const int Enoent = 2;

    /// <summary>Binds and listens at <paramref name="path"/>; the descriptor (inheritable), or -1 with the reason.</summary>
    public static int Create(string path, out string? error)
    {
        error = null;
        var bytes = Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= SunPathLength)
        {
            error = $"the socket path is {bytes.Length} bytes, over the kernel's {SunPathLength - 1}";
            return -1;
        }

        // A socket left by an earlier run of this replica would make the bind fail.
        if (Unlink(path) != 0 && Marshal.GetLastPInvokeError() != Enoent)
        {
            error = "cannot remove the old socket: " + LastError();
            return -1;
        }

        var fd = Libc.Socket(AfUnix, SockStream, 0);
        if (fd < 0)
        {
            error = "socket: " + LastError();
            return -1;
        }

        var address = stackalloc byte[2 + SunPathLength];
        new Span<byte>(address, 2 + SunPathLength).Clear();
        *(ushort*)address = AfUnix;
        bytes.CopyTo(new Span<byte>(address + 2, SunPathLength));
        // The file is created 0600 (umask 0177 for the bind only): the gateway runs as the provider, nobody else connects.
        var old = Umask(0x7f);
        var bound = Bind(fd, address, 2 + bytes.Length + 1);
        _ = Umask(old);
        if (bound != 0 || Listen(fd, Backlog) != 0)
        {
            error = (bound != 0 ? "bind: " : "listen: ") + LastError();
            _ = Libc.Close(fd);
            return -1;
        }

        return fd;
    }

    /// <summary>
    /// In the watchdog: reads and removes <see cref="Variable"/> and marks the descriptor close-on-exec, so no function
    /// process inherits the listener; null when there is none.
    /// </summary>
    public static int? TakeFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, null);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd < 3)
        {
            return null;
        }

        return Libc.Fcntl(fd, 2 /* F_SETFD */, 1 /* FD_CLOEXEC */) == 0 ? fd : null;
    }

    private static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int Listen(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Unlink(string path);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial int Umask(int mask);
}
