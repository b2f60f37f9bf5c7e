using System.Runtime.InteropServices;

namespace Harness.Load;

/// <summary>The Linux calls of the event loop: epoll, send, recv and the pending error of a connecting socket.</summary>
/// <remarks>x86-64 only: there <c>struct epoll_event</c> is packed (12 bytes); other architectures lay it out differently.</remarks>
internal static unsafe partial class EventLoopNative
{
    public const int EpollIn = 0x001;
    public const int EpollOut = 0x004;
    public const int EpollErr = 0x008;
    public const int EpollHup = 0x010;
    public const int EpollRdHup = 0x2000;
    public const int CtlAdd = 1;
    public const int CtlDel = 2;
    public const int CtlMod = 3;
    private const int EpollCloexec = 0x80000;
    private const int MsgNoSignal = 0x4000;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EPipe = 32;
    public const int EAddrNotAvail = 99;
    public const int EConnAborted = 103;
    public const int EConnReset = 104;
    public const int ETimedOut = 110;
    public const int EConnRefused = 111;
    public const int EInProgress = 115;

    private static bool noPwait2;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>True where the loop can run: Linux on x86-64.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static int Create()
    {
        var fd = EpollCreate1(EpollCloexec);
        return fd >= 0 ? fd : throw new InvalidOperationException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()})");
    }

    public static int Control(int epoll, int op, int fd, uint events, ulong data)
    {
        var e = new EpollEvent { Events = events, Data = data };
        return EpollCtl(epoll, op, fd, &e) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Waits for events at most <paramref name="timeoutNanos"/> (0 polls); returns the count, 0 on timeout or EINTR.</summary>
    public static int Wait(int epoll, EpollEvent* events, int max, long timeoutNanos)
    {
        int n;
        if (!noPwait2)
        {
            // epoll_pwait2 takes nanoseconds: an arrival due in 300 µs is not rounded up to a millisecond.
            var ts = new Timespec { Seconds = timeoutNanos / 1_000_000_000, Nanoseconds = timeoutNanos % 1_000_000_000 };
            try
            {
                n = EpollPwait2(epoll, events, max, &ts, null);
            }
            catch (EntryPointNotFoundException)
            {
                noPwait2 = true;
                return 0;
            }
        }
        else
        {
            n = EpollWait(epoll, events, max, (int)Math.Min(int.MaxValue, (timeoutNanos + 999_999) / 1_000_000));
        }

        if (n < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == 38)
            {
                // ENOSYS: a kernel before 5.11.
                noPwait2 = true;
                return 0;
            }

            return errno == EIntr ? 0 : throw new InvalidOperationException($"epoll_wait failed (errno {errno})");
        }

        return n;
    }

    /// <summary>Bytes sent, or minus the errno.</summary>
    public static int Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var n = SendNative(fd, p, data.Length, MsgNoSignal);
            return n >= 0 ? (int)n : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Bytes received (0 at the end of the stream), or minus the errno.</summary>
    public static int Receive(int fd, Span<byte> into)
    {
        fixed (byte* p = into)
        {
            var n = RecvNative(fd, p, into.Length, 0);
            return n >= 0 ? (int)n : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>The pending error of a socket (SO_ERROR): 0 once a non-blocking connect succeeded.</summary>
    public static int PendingError(int fd)
    {
        int value = 0;
        int length = sizeof(int);
        return GetSockOpt(fd, 1, 4, &value, &length) == 0 ? value : Marshal.GetLastPInvokeError();
    }

    public static void Close(int fd) => CloseNative(fd);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    private static partial int EpollPwait2(int epfd, EpollEvent* events, int maxEvents, Timespec* timeout, void* sigmask);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendNative(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint RecvNative(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, int* value, int* length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);
}
