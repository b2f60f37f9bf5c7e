namespace Harness.Watchdog.Isolation;

/// <summary>
/// A seccomp-bpf deny list in the spirit of Docker's default profile: the calls a function never needs and an attacker
/// wants (new namespaces or mounts, tracing, kernel keyrings, BPF, perf, modules, kexec, reboot, swap, file handles,
/// userfaultfd, io_uring, clock and kernel settings) fail with EPERM; clone3 fails with ENOSYS so that libc falls back
/// to clone, whose flags a filter can inspect. Any other architecture, or the x32 ABI, kills the process.
/// </summary>
internal static class SeccompFilter
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint RetKillProcess = 0x80000000;
    private const uint RetAllow = 0x7FFF0000;
    private const uint RetErrno = 0x00050000;
    private const uint Eperm = 1;
    private const uint Enosys = 38;
    private const uint X32Bit = 0x40000000;
    private const uint CloneSyscall = 56;
    private const uint Clone3Syscall = 435;

    // CLONE_NEWTIME | CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET
    private const uint NamespaceFlags = 0x00000080 | 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    private const ushort LdWAbs = 0x20;
    private const ushort JeqK = 0x15;
    private const ushort JgeK = 0x35;
    private const ushort JsetK = 0x45;
    private const ushort RetK = 0x06;

    /// <summary>x86-64 numbers of every denied call, by name (for the README, the tests and /system/info).</summary>
    public static readonly IReadOnlyDictionary<string, uint> Denied = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["ptrace"] = 101, ["syslog"] = 103, ["uselib"] = 134, ["_sysctl"] = 156,
        ["pivot_root"] = 155, ["chroot"] = 161, ["acct"] = 163, ["settimeofday"] = 164, ["mount"] = 165, ["umount2"] = 166,
        ["swapon"] = 167, ["swapoff"] = 168, ["reboot"] = 169, ["sethostname"] = 170, ["setdomainname"] = 171,
        ["iopl"] = 172, ["ioperm"] = 173, ["create_module"] = 174, ["init_module"] = 175, ["delete_module"] = 176,
        ["get_kernel_syms"] = 177, ["query_module"] = 178, ["quotactl"] = 179, ["nfsservctl"] = 180,
        ["lookup_dcookie"] = 212, ["clock_settime"] = 227, ["vhangup"] = 153, ["adjtimex"] = 159,
        ["kexec_load"] = 246, ["add_key"] = 248, ["request_key"] = 249, ["keyctl"] = 250, ["unshare"] = 272,
        ["move_pages"] = 279, ["perf_event_open"] = 298, ["name_to_handle_at"] = 303, ["open_by_handle_at"] = 304,
        ["clock_adjtime"] = 305, ["setns"] = 308, ["process_vm_readv"] = 310, ["process_vm_writev"] = 311, ["kcmp"] = 312,
        ["finit_module"] = 313, ["kexec_file_load"] = 320, ["bpf"] = 321, ["userfaultfd"] = 323,
        ["io_uring_setup"] = 425, ["io_uring_enter"] = 426, ["io_uring_register"] = 427, ["open_tree"] = 428,
        ["move_mount"] = 429, ["fsopen"] = 430, ["fsconfig"] = 431, ["fsmount"] = 432, ["fspick"] = 433,
        ["mount_setattr"] = 442,
    };

    /// <summary>The filter as <c>struct sock_filter</c> records (8 bytes each).</summary>
    public static byte[] Build()
    {
        var code = new List<(ushort Code, byte Jt, byte Jf, uint K)>();
        code.Add((LdWAbs, 0, 0, 4));                 // arch
        code.Add((JeqK, 1, 0, AuditArchX8664));
        code.Add((RetK, 0, 0, RetKillProcess));
        code.Add((LdWAbs, 0, 0, 0));                 // nr
        code.Add((JgeK, 0, 1, X32Bit));
        code.Add((RetK, 0, 0, RetKillProcess));
        code.Add((JeqK, 0, 1, Clone3Syscall));
        code.Add((RetK, 0, 0, RetErrno | Enosys));
        code.Add((JeqK, 0, 4, CloneSyscall));
        code.Add((LdWAbs, 0, 0, 16));                // args[0] (flags), low word
        code.Add((JsetK, 0, 1, NamespaceFlags));
        code.Add((RetK, 0, 0, RetErrno | Eperm));
        code.Add((RetK, 0, 0, RetAllow));
        var numbers = Denied.Values.Distinct().Order().ToList();
        // Each test jumps to the EPERM return after the final allow.
        for (var i = 0; i < numbers.Count; i++)
        {
            var remaining = numbers.Count - i - 1;
            code.Add((JeqK, (byte)(remaining + 1), 0, numbers[i]));
        }

        code.Add((RetK, 0, 0, RetAllow));
        code.Add((RetK, 0, 0, RetErrno | Eperm));

        var bytes = new byte[code.Count * 8];
        for (var i = 0; i < code.Count; i++)
        {
            var (c, jt, jf, k) = code[i];
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8, 2), c);
            bytes[i * 8 + 2] = jt;
            bytes[i * 8 + 3] = jf;
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8 + 4, 4), k);
        }

        return bytes;
    }
}
