using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Watchdog.Isolation;

/// <summary>
/// The <c>prefork SOCKET REQUEST</c> step, placed among the sandbox's steps where its mounts, hostname and limits are
/// final and its privileges not yet dropped. The cloned child only writes one byte there; the monitor (outside, still
/// root) then asks the function's pre-fork zygote, listening at SOCKET (a root-only file of the provider's), to fork
/// a server into the sandbox's namespaces, as REQUEST (a file the provider wrote) describes. The server's output
/// reaches the sandboxed watchdog on two pipes the monitor creates before the clone: the watchdog inherits their read
/// ends (named in <see cref="StdoutVariable"/> and <see cref="StderrVariable"/>), the zygote takes the write ends from
/// the monitor with <c>pidfd_getfd</c>, and the monitor lets its own go once the zygote answered. If the zygote fails,
/// the pipes close with nothing on them and the watchdog starts its function the usual way.
/// <para>
/// In mode <c>hold</c> (a standby replica, prepared while its function is scaled to zero) the server and the watchdog
/// are started, but both wait before they go further: the server before it runs <c>server.py</c> (which imports the
/// handler), the watchdog before it probes or spawns its upstream. They wait for end of file on a go pipe whose only
/// writer is the monitor; the monitor closes it when the provider writes a byte to the replica's stdin (see
/// <see cref="Go"/>). Closing, not writing, so that one act releases every reader.
/// </para>
/// </summary>
internal static unsafe partial class PreforkRequest
{
    public const string Operation = "prefork";

    /// <summary>The inherited read end of the adopted server's stdout.</summary>
    public const string StdoutVariable = "HARNESS_ADOPT_STDOUT";

    /// <summary>The inherited read end of the adopted server's stderr.</summary>
    public const string StderrVariable = "HARNESS_ADOPT_STDERR";

    /// <summary>In mode <c>hold</c>: the inherited read end of the go pipe (end of file: go).</summary>
    public const string GoVariable = "HARNESS_ADOPT_GO";

    /// <summary>The step's third argument: <c>start</c> at once, or <c>hold</c> until the provider's go.</summary>
    public static readonly IReadOnlyList<string> Modes = ["start", "hold"];

    private const int OCloexec = 0x80000;
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SunPathLength = 108;
    private const int Eintr = 4;

    private static string _socket = "";
    private static string _request = "";
    private static int _builtRead = -1;
    private static int _outWrite = -1;
    private static int _errWrite = -1;
    private static int _goRead = -1;
    private static int _goWrite = -1;

    /// <summary>The descriptor the child writes its one byte to (close-on-exec).</summary>
    public static int BuiltWrite { get; private set; } = -1;

    /// <summary>Creates the pipes and names the read ends in the environment the child passes on; false with the reason.</summary>
    public static bool Prepare(IsolationStep step, out string? error)
    {
        error = null;
        _socket = step.Arguments[0];
        _request = step.Arguments[1];
        if (Encoding.UTF8.GetByteCount(_socket) >= SunPathLength)
        {
            error = "the zygote's socket path is too long";
            return false;
        }

        var built = stackalloc int[2];
        var output = stackalloc int[2];
        var errors = stackalloc int[2];
        if (Libc.Pipe2(built, OCloexec) != 0 || Libc.Pipe2(output, 0) != 0 || Libc.Pipe2(errors, 0) != 0)
        {
            error = "pipe2: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            return false;
        }

        // The write ends are the monitor's (and the zygote's, once it takes them): the watchdog must see end of file
        // when the server is gone, so its exec closes the copies the clone gave it.
        _ = Libc.Fcntl(output[1], 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
        _ = Libc.Fcntl(errors[1], 2, 1);
        (_builtRead, BuiltWrite, _outWrite, _errWrite) = (built[0], built[1], output[1], errors[1]);
        Environment.SetEnvironmentVariable(StdoutVariable, output[0].ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(StderrVariable, errors[0].ToString(CultureInfo.InvariantCulture));
        if (step.Arguments[2] == "hold")
        {
            var go = stackalloc int[2];
            if (Libc.Pipe2(go, 0) != 0)
            {
                error = "pipe2: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
                return false;
            }

            // The write end is the monitor's alone, or the readers would never see end of file.
            _ = Libc.Fcntl(go[1], 2, 1);
            (_goRead, _goWrite) = (go[0], go[1]);
            Environment.SetEnvironmentVariable(GoVariable, go[0].ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    /// <summary>In the monitor, after the clone: waits for the child's byte on a thread of its own, then asks the zygote.</summary>
    public static void Start(int child, byte[] seccompFilter)
    {
        _ = Libc.Close(BuiltWrite);
        foreach (var variable in new[] { StdoutVariable, StderrVariable })
        {
            if (int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var readEnd))
            {
                _ = Libc.Close(readEnd);
            }
        }

        var line = string.Join('\t', "spawn", _request, child.ToString(CultureInfo.InvariantCulture),
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _outWrite.ToString(CultureInfo.InvariantCulture),
            _errWrite.ToString(CultureInfo.InvariantCulture), Convert.ToHexString(seccompFilter),
            _goRead.ToString(CultureInfo.InvariantCulture)) + "\n";
        var thread = new Thread(() => Ask(line), maxStackSize: 256 * 1024) { IsBackground = true, Name = "prefork" };
        thread.Start();
    }

    /// <summary>The provider's go for a held replica: closes the go pipe's write end (once; a no-op without hold).</summary>
    public static void Go()
    {
        var fd = Interlocked.Exchange(ref _goWrite, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }

    private static void Ask(string line)
    {
        string answer;
        byte one;
        long n;
        do
        {
            // Blocking calls go through the normal transition (not Sys.Call): a GC must be able to suspend this thread.
            n = Libc.ReadFd(_builtRead, &one, 1);
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Eintr);

        _ = Libc.Close(_builtRead);
        if (n != 1)
        {
            // The child failed before its byte (it reports that itself) or is gone: nothing to ask for.
            Release();
            return;
        }

        try
        {
            answer = Exchange(line);
        }
        finally
        {
            Release();
        }

        if (!answer.StartsWith("ok\t", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("sandbox-monitor: prefork: " + answer.Trim() + "; the watchdog starts the function itself");
            Console.Error.Flush();
        }
    }

    private static void Release()
    {
        _ = Libc.Close(_outWrite);
        _ = Libc.Close(_errWrite);
        if (_goRead >= 0)
        {
            // The watchdog and (once it took its copy) the server hold the read end; the monitor never reads it.
            _ = Libc.Close(_goRead);
        }
    }

    /// <summary>One line out, one line back, over the zygote's socket; the answer, or why there is none.</summary>
    private static string Exchange(string line)
    {
        var fd = Libc.Socket(AfUnix, SockStream | OCloexec, 0);
        if (fd < 0)
        {
            return "error\tsocket: " + LastError();
        }

        try
        {
            var address = stackalloc byte[2 + SunPathLength];
            new Span<byte>(address, 2 + SunPathLength).Clear();
            *(ushort*)address = AfUnix;
            var path = Encoding.UTF8.GetBytes(_socket);
            path.CopyTo(new Span<byte>(address + 2, SunPathLength));
            if (Libc.Connect(fd, address, 2 + path.Length + 1) != 0)
            {
                return "error\tconnect " + _socket + ": " + LastError();
            }

            var bytes = Encoding.UTF8.GetBytes(line);
            fixed (byte* p = bytes)
            {
                for (var sent = 0; sent < bytes.Length;)
                {
                    var w = Libc.WriteFd(fd, p + sent, bytes.Length - sent);
                    if (w < 0 && Marshal.GetLastPInvokeError() == Eintr)
                    {
                        continue;
                    }

                    if (w <= 0)
                    {
                        return "error\twrite: " + LastError();
                    }

                    sent += (int)w;
                }
            }

            var reply = new byte[4096];
            var got = 0;
            fixed (byte* p = reply)
            {
                while (got < reply.Length && (got == 0 || reply[got - 1] != (byte)'\n'))
                {
                    var r = Libc.ReadFd(fd, p + got, reply.Length - got);
                    if (r < 0 && Marshal.GetLastPInvokeError() == Eintr)
                    {
                        continue;
                    }

                    if (r <= 0)
                    {
                        break;
                    }

                    got += (int)r;
                }
            }

            return got == 0 ? "error\tthe zygote closed the connection without an answer" : Encoding.UTF8.GetString(reply, 0, got);
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }

    private static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
