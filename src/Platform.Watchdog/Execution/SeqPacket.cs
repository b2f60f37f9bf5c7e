using System.Runtime.InteropServices;

namespace Harness.Watchdog.Execution;

/// <summary>
/// The fork server's control channel: an AF_UNIX SOCK_SEQPACKET socket pair (message boundaries kept, so one request is
/// one datagram), sending descriptors with SCM_RIGHTS. Blocking calls only; the one reader is a thread of its own.
/// </summary>
internal static unsafe partial class SeqPacket
{
    private const int AfUnix = 1;
    private const int SockSeqpacket = 5;
    private const int SockCloexec = 0x80000;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgNosignal = 0x4000;
    private const int Eintr = 4;

    /// <summary>A connected pair, both ends close-on-exec.</summary>
    public static (int A, int B) Pair()
    {
        var fds = stackalloc int[2];
        if (SocketPair(AfUnix, SockSeqpacket | SockCloexec, 0, fds) != 0)
        {
            throw new IOException("socketpair failed: errno " + Marshal.GetLastPInvokeError());
        }

        return (fds[0], fds[1]);
    }

    /// <summary>Sends <paramref name="payload"/> as one message with <paramref name="fds"/> attached; false when the peer is gone.</summary>
    public static bool Send(int socket, ReadOnlySpan<byte> payload, ReadOnlySpan<int> fds)
    {
        // struct cmsghdr is { size_t len; int level; int type; } (16 bytes), then the descriptors, padded to 8.
        var dataLength = fds.Length * sizeof(int);
        var space = 16 + ((dataLength + 7) & ~7);
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        *(ulong*)control = (ulong)(16 + dataLength);
        *(int*)(control + 8) = SolSocket;
        *(int*)(control + 12) = ScmRights;
        for (var i = 0; i < fds.Length; i++)
        {
            *(int*)(control + 16 + (i * sizeof(int))) = fds[i];
        }

        fixed (byte* data = payload)
        {
            var iov = new IoVec { Base = data, Length = (nuint)payload.Length };
            var msg = new MsgHdr
            {
                Iov = &iov,
                IovLength = 1,
                Control = fds.Length > 0 ? control : null,
                ControlLength = fds.Length > 0 ? (nuint)space : 0,
            };
            while (true)
            {
                if (SendMsg(socket, &msg, MsgNosignal) >= 0)
                {
                    return true;
                }

                if (Marshal.GetLastPInvokeError() != Eintr)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>One message into <paramref name="buffer"/>: its length, 0 at end of stream, -1 on error.</summary>
    public static int Receive(int socket, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Recv(socket, p, (nuint)buffer.Length, 0);
                if (n >= 0 || Marshal.GetLastPInvokeError() != Eintr)
                {
                    return (int)n;
                }
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMsg(int socket, MsgHdr* msg, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int socket, byte* buffer, nuint length, int flags);
}
