using System.Collections;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using Harness.Watchdog.Isolation;
using Microsoft.Win32.SafeHandles;

namespace Harness.Watchdog.Execution;

/// <summary>
/// Starts a function process with glibc's posix_spawnp and POSIX_SPAWN_SETSID: the child leads its own session and
/// process group (pgid = pid) without the extra exec of /usr/bin/setsid, which doubled the cost of a fork-mode request.
/// The child gets default signal handlers (.NET ignores SIGPIPE; a shell pipeline in fprocess must not inherit that)
/// and an empty signal mask. Each child is reaped by its own small thread blocked in waitpid.
/// </summary>
internal static unsafe partial class NativeSpawn
{
    private const int OCloexec = 0x80000;
    private const short PosixSpawnSetSigDef = 0x04;
    private const short PosixSpawnSetSigMask = 0x08;
    private const short PosixSpawnSetSid = 0x80;
    private const int Eintr = 4;

    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on x86-64; sigset_t is 128.
    private const int AttrSize = 1024;
    private const int ActionsSize = 512;
    private const int SigsetSize = 256;

    private static readonly Lazy<byte[][]> BaseEnvironment = new(CaptureEnvironment);
    // HARNESS_WATCHDOG_SPAWN=setsid forces the fallback, to compare the two paths.
    private static int _unavailable = Environment.GetEnvironmentVariable("HARNESS_WATCHDOG_SPAWN") == "setsid" ? 1 : 0;

    /// <summary>False once posix_spawn turned out to be missing; callers then use the setsid fallback.</summary>
    public static bool Available => Volatile.Read(ref _unavailable) == 0;

    /// <summary>
    /// Starts <paramref name="argv"/> with three new pipes, or with <paramref name="stdinFd"/> as its stdin when it is
    /// not -1 (the fork server's control socket); <see cref="SpawnedChild.Stdin"/> is then <see cref="Stream.Null"/>.
    /// </summary>
    public static SpawnedChild Start(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>>? extraEnvironment, int stdinFd = -1)
    {
        var stdin = new int[2];
        var stdout = new int[2];
        var stderr = new int[2];
        var created = 0;
        try
        {
            if (stdinFd < 0)
            {
                MakePipe(stdin);
            }
            else
            {
                stdin[0] = stdinFd;
                stdin[1] = -1;
            }

            created = 1;
            MakePipe(stdout);
            created = 2;
            MakePipe(stderr);
            created = 3;
            var pid = Spawn(argv, extraEnvironment, stdin[0], stdout[1], stderr[1]);
            if (stdinFd < 0)
            {
                _ = Libc.Close(stdin[0]);
            }

            _ = Libc.Close(stdout[1]);
            _ = Libc.Close(stderr[1]);
            return new SpawnedChild(
                pid,
                stdinFd < 0 ? new AnonymousPipeClientStream(PipeDirection.Out, new SafePipeHandle(stdin[1], ownsHandle: true)) : Stream.Null,
                new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout[0], ownsHandle: true)),
                new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr[0], ownsHandle: true)),
                Reap(pid));
        }
        catch
        {
            foreach (var pipe in new[] { stdin, stdout, stderr }.Take(created).Skip(stdinFd < 0 ? 0 : 1))
            {
                _ = Libc.Close(pipe[0]);
                _ = Libc.Close(pipe[1]);
            }

            throw;
        }
    }

    /// <summary>Marks posix_spawn as unusable (missing from libc) so later requests take the fallback.</summary>
    public static void MarkUnavailable() => Volatile.Write(ref _unavailable, 1);

    /// <summary>A pipe whose both ends close on exec: [0] the read end, [1] the write end.</summary>
    public static void MakePipe(int[] fds)
    {
        fixed (int* p = fds)
        {
            if (Libc.Pipe2(p, OCloexec) != 0)
            {
                throw new IOException("pipe2 failed: errno " + Marshal.GetLastPInvokeError());
            }
        }
    }

    private static int Spawn(IReadOnlyList<string> argv, IReadOnlyList<KeyValuePair<string, string>>? extra, int stdinFd, int stdoutFd, int stderrFd)
    {
        var strings = new List<byte[]>(argv.Count + 64);
        foreach (var arg in argv)
        {
            strings.Add(Utf8Z(arg));
        }

        var envStart = strings.Count;
        if (extra is { Count: > 0 })
        {
            var overridden = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in extra)
            {
                overridden.Add(key);
                strings.Add(Utf8Z(key + "=" + value));
            }

            foreach (var entry in BaseEnvironment.Value)
            {
                var eq = Array.IndexOf(entry, (byte)'=');
                if (eq > 0 && !overridden.Contains(Encoding.UTF8.GetString(entry, 0, eq)))
                {
                    strings.Add(entry);
                }
            }
        }
        else
        {
            strings.AddRange(BaseEnvironment.Value);
        }

        var handles = new GCHandle[strings.Count];
        var argvPtrs = stackalloc byte*[argv.Count + 1];
        var envCount = strings.Count - envStart;
        var envPtrs = (byte**)NativeMemory.Alloc((nuint)(envCount + 1), (nuint)sizeof(byte*));
        var attr = NativeMemory.AllocZeroed(AttrSize);
        var actions = NativeMemory.AllocZeroed(ActionsSize);
        var sigdef = NativeMemory.AllocZeroed(SigsetSize);
        var sigmask = NativeMemory.AllocZeroed(SigsetSize);
        try
        {
            for (var i = 0; i < strings.Count; i++)
            {
                handles[i] = GCHandle.Alloc(strings[i], GCHandleType.Pinned);
                var ptr = (byte*)handles[i].AddrOfPinnedObject();
                if (i < envStart)
                {
                    argvPtrs[i] = ptr;
                }
                else
                {
                    envPtrs[i - envStart] = ptr;
                }
            }

            argvPtrs[argv.Count] = null;
            envPtrs[envCount] = null;

            Check(PosixSpawnattrInit(attr), "posix_spawnattr_init");
            Check(SigFillSet(sigdef) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigfillset");
            Check(SigEmptySet(sigmask) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigemptyset");
            Check(PosixSpawnattrSetsigdefault(attr, sigdef), "posix_spawnattr_setsigdefault");
            Check(PosixSpawnattrSetsigmask(attr, sigmask), "posix_spawnattr_setsigmask");
            Check(PosixSpawnattrSetflags(attr, (short)(PosixSpawnSetSid | PosixSpawnSetSigDef | PosixSpawnSetSigMask)), "posix_spawnattr_setflags");
            Check(PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(PosixSpawnFileActionsAdddup2(actions, stdinFd, 0), "adddup2 stdin");
            Check(PosixSpawnFileActionsAdddup2(actions, stdoutFd, 1), "adddup2 stdout");
            Check(PosixSpawnFileActionsAdddup2(actions, stderrFd, 2), "adddup2 stderr");

            int pid;
            int rc;
            // Listed before the lock is let go: as PID 1 the orphan reaper never takes this child's exit status.
            lock (Isolation.OrphanReaper.SpawnLock)
            {
                rc = PosixSpawnp(&pid, argvPtrs[0], actions, attr, argvPtrs, envPtrs);
                if (rc == 0)
                {
                    Isolation.OrphanReaper.Add(pid);
                }
            }

            if (rc != 0)
            {
                throw new IOException($"cannot start {argv[0]}: {Marshal.GetPInvokeErrorMessage(rc)}");
            }

            return pid;
        }
        finally
        {
            _ = PosixSpawnFileActionsDestroy(actions);
            _ = PosixSpawnattrDestroy(attr);
            foreach (var handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }

            NativeMemory.Free(envPtrs);
            NativeMemory.Free(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(sigdef);
            NativeMemory.Free(sigmask);
        }
    }

    private static Task<int> Reap(int pid)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A blocked waitpid per child is cheaper than it sounds (a small stack, microseconds to create) and, unlike
        // waitpid(-1), never steals the exit status of a child that someone else is waiting for.
        var thread = new Thread(
            () =>
            {
                int status;
                int rc;
                do
                {
                    rc = Libc.WaitPid(pid, &status, 0);
                }
                while (rc < 0 && Marshal.GetLastPInvokeError() == Eintr);

                Isolation.OrphanReaper.Remove(pid);

                exited.SetResult(rc < 0 ? -1 : (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f));
            },
            maxStackSize: 128 * 1024)
        {
            IsBackground = true,
            Name = "reap " + pid,
        };
        thread.Start();
        return exited.Task;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(rc)}");
        }
    }

    private static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static byte[][] CaptureEnvironment()
    {
        var list = new List<byte[]>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (InlineSockets.IsOwnSetting((string)entry.Key))
            {
                continue;
            }

            list.Add(Utf8Z(entry.Key + "=" + entry.Value));
        }

        return [.. list];
    }

    /// <summary>close(2), for descriptors no SafeHandle owns.</summary>

    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    private static partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    private static partial int SigEmptySet(void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int PosixSpawnattrInit(void* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int PosixSpawnattrDestroy(void* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int PosixSpawnattrSetflags(void* attr, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int PosixSpawnattrSetsigdefault(void* attr, void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int PosixSpawnattrSetsigmask(void* attr, void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int PosixSpawnFileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int PosixSpawnFileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int PosixSpawnFileActionsAdddup2(void* actions, int fd, int newfd);

    [LibraryImport("libc", EntryPoint = "posix_spawnp")]
    private static partial int PosixSpawnp(int* pid, byte* file, void* actions, void* attr, byte** argv, byte** envp);
}
