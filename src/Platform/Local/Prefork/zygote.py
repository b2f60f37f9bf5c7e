"""Harness pre-fork zygote: one per function, started by the local provider, platform code only.

It imports the template's runtime once (from the provider's own copy, mounted in this process's private mount
namespace at the path a replica sees), then waits for a replica's sandbox monitor to ask for a server. For each ask it
forks a short-lived child that joins the replica's cgroups and its PID, mount, IPC and UTS namespaces and forks the
server into them; the server drops to the function's uid the way a sandboxed replica does (bounding set, groups,
gid, uid, capabilities, ambient set, no_new_privs, the same seccomp filter), takes the environment and command line a
freshly started server would have, and only then runs the template's server.py, which imports the handler.

Nothing of the function runs before the drop: the handler's module-level code is imported by server.py, after it.
"""
import ctypes
import json
import os
import resource
import select
import signal
import socket
import sys

FUNCTION_PATH = "/home/app/function"
CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_SET_CHILD_SUBREAPER, PR_CAP_AMBIENT = 4, 24, 38, 36, 47
SYS_CAPSET, SYS_SECCOMP, SYS_PIDFD_OPEN, SYS_PIDFD_GETFD = 126, 317, 434, 438

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def check(rc, what):
    if rc < 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))
    return rc


def prctl(option, a=0, b=0, c=0, d=0):
    return check(libc.prctl(option, a, b, c, d), "prctl %d" % option)


def log(message):
    sys.stderr.write("zygote: %s\n" % message)
    sys.stderr.flush()


def prepare(copy):
    """Shows the provider's copy of the runtime at FUNCTION_PATH, in this process's mount namespace only."""
    check(libc.unshare(CLONE_NEWNS), "unshare")
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
    check(libc.mount(b"tmpfs", b"/home", b"tmpfs", MS_NOSUID | MS_NODEV, b"mode=0755,size=64k"), "tmpfs on /home")
    os.makedirs(FUNCTION_PATH)
    check(libc.mount(copy.encode(), FUNCTION_PATH.encode(), None, MS_BIND, None), "bind the runtime")
    check(libc.mount(b"none", FUNCTION_PATH.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None), "remount the runtime read-only")
    os.chdir(FUNCTION_PATH)
    sys.path[0] = FUNCTION_PATH


def overwrite_area(first_field, strings):
    """Writes NUL-separated strings over the kernel's argv (first_field 48) or environ (50) area, which /proc/PID/cmdline
    and environ read. The provider started this zygote with an area of exactly the right size (same keys, values of the
    same lengths); anything else is refused, so the result is byte for byte what a fresh server shows."""
    with open("/proc/self/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    # Fields are numbered from 1 with pid and comm first, so field N is fields[N - 3].
    start, end = int(fields[first_field - 3]), int(fields[first_field - 2])
    block = b"".join(s.encode("utf-8", "surrogateescape") + b"\0" for s in strings)
    if len(block) != end - start:
        raise ValueError("the %s area holds %d bytes, the server's needs %d" % ("argv" if first_field == 48 else "environ", end - start, len(block)))
    ctypes.memmove(start, block, len(block))


def drop(uid, gid, seccomp_filter):
    """What the sandbox's drop-privileges and seccomp steps do, in the same order."""
    last = int(open("/proc/sys/kernel/cap_last_cap").read().strip())
    for cap in range(last + 1):
        prctl(PR_CAPBSET_DROP, cap)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)
    data = (ctypes.c_uint32 * 6)()
    check(libc.syscall(SYS_CAPSET, header, data), "capset")
    prctl(PR_CAP_AMBIENT, 4)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    # A fresh server is exec'd by its uid, so it is dumpable; an id change would have cleared that.
    prctl(PR_SET_DUMPABLE, 1)
    program_bytes = ctypes.create_string_buffer(seccomp_filter, len(seccomp_filter))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = SockFprog(len(seccomp_filter) // 8, ctypes.addressof(program_bytes))
    check(libc.syscall(SYS_SECCOMP, 1, 0, ctypes.byref(program)), "seccomp")


def become_server(request, out_fd, err_fd, seccomp_filter, go_fd):
    """In the replica's namespaces, still root: take a fresh server's state, drop, and run server.py. A standby's
    server (go_fd not -1) waits between the two until its monitor closes the go pipe's write end."""
    os.setsid()
    signal.set_wakeup_fd(-1)
    for s in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # glibc's posix_spawn, which the watchdog uses, leaves its internal cancellation signal (32) ignored in the child;
    # libc refuses to touch it, so the kernel is asked directly (rt_sigaction with SIG_IGN).
    action = (ctypes.c_ulong * 4)(1, 0, 0, 0)
    check(libc.syscall(13, 32, action, None, 8), "rt_sigaction 32")
    # stdin as the watchdog gives it: a pipe whose writer is gone.
    r, w = os.pipe()
    os.dup2(r, 0)
    os.close(w)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    if go_fd >= 0:
        if go_fd != 3:
            os.dup2(go_fd, 3)
        os.closerange(4, 65536)
    else:
        os.closerange(3, 65536)
    # The sandbox sets one limit itself; every other limit, the umask and the OOM score come from the provider, as
    # the zygote's do (the sandbox's PID 1 drops its privileges at once, so it cannot be asked).
    resource.setrlimit(resource.RLIMIT_NOFILE, (request["nofile"], request["nofile"]))
    os.chdir(request["cwd"])
    argv = request["argv"]
    env = request["env"]
    # libc's environment first (it then points at copies), the kernel's areas after.
    os.environ.clear()
    for entry in env:
        key, _, value = entry.partition("=")
        os.environ[key] = value
    overwrite_area(48, argv)
    overwrite_area(50, env)
    import time

    time.tzset()
    drop(request["uid"], request["gid"], seccomp_filter)
    script = os.path.join(request["cwd"], argv[1])
    sys.argv = argv[1:]
    sys.orig_argv = list(argv)
    sys.path[0] = os.path.dirname(script)
    import types

    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    with open(script, "rb") as f:
        code = compile(f.read(), script, "exec")
    if go_fd >= 0:
        # End of file: the provider took this standby replica. A byte would be a mistake; skip it.
        while os.read(3, 1):
            pass
        os.close(3)
    exec(code, main.__dict__)
    sys.exit(0)


def spawn(line):
    """Handles one ask: `spawn <request> <sandbox pid> <monitor pid> <stdout fd> <stderr fd> <seccomp hex> <go fd>`
    (the fds are the monitor's; go is -1 unless the replica is a standby)."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 8 or parts[0] != "spawn":
        raise ValueError("malformed request")
    with open(parts[1]) as f:
        request = json.load(f)
    target, monitor = int(parts[2]), int(parts[3])
    seccomp_filter = bytes.fromhex(parts[6])
    report_r, report_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        try:
            os.close(report_r)
            monitor_fd = os.pidfd_open(monitor)
            out_fd = check(libc.syscall(SYS_PIDFD_GETFD, monitor_fd, int(parts[4]), 0), "pidfd_getfd stdout")
            err_fd = check(libc.syscall(SYS_PIDFD_GETFD, monitor_fd, int(parts[5]), 0), "pidfd_getfd stderr")
            go_fd = int(parts[7])
            if go_fd >= 0:
                go_fd = check(libc.syscall(SYS_PIDFD_GETFD, monitor_fd, go_fd, 0), "pidfd_getfd go")
            os.close(monitor_fd)
            for procs in request["cgroups"]:
                with open(procs, "w") as f:
                    f.write(str(os.getpid()))
            target_fd = os.pidfd_open(target)
            check(libc.setns(target_fd, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS), "setns")
            os.close(target_fd)
            server = os.fork()
            if server == 0:
                os.close(report_w)
                try:
                    become_server(request, out_fd, err_fd, seccomp_filter, go_fd)
                except BaseException as ex:  # noqa: BLE001 - the server must never return into the zygote's loop
                    try:
                        os.write(2, ("harness zygote: could not start the server: %s\n" % ex).encode())
                    finally:
                        os._exit(3)
                os._exit(0)
            os.write(report_w, ("ok\t%d\n" % server).encode())
        except BaseException as ex:  # noqa: BLE001
            os.write(report_w, ("error\t%s\n" % str(ex).replace("\n", " ")).encode())
        os._exit(0)
    os.close(report_w)
    with os.fdopen(report_r) as report:
        answer = report.readline() or "error\tthe zygote's child died\n"
    os.waitpid(child, 0)
    return answer


def main():
    # Its command line is `python3 zygote.py`, as long as the server's `python3 server.py`: the server takes it over.
    copy, socket_path = sys.stdin.readline().rstrip("\n").split("\t")
    prepare(copy)
    import harness_runtime  # noqa: F401 - the point of the zygote
    # What the runtime imports on a replica's first request (its answer's JSON, a query string): stdlib only.
    import json  # noqa: F401
    import urllib.parse  # noqa: F401
    import socketserver  # noqa: F401
    import threading  # noqa: F401
    import time  # noqa: F401
    import types  # noqa: F401

    # Servers whose fork child exited become ours to reap, not the host init's.
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)
    listener.bind(socket_path)
    os.umask(old)
    listener.listen(64)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    sys.stdout.write("ready %d\n" % os.getpid())
    sys.stdout.flush()
    while True:
        readable, _, _ = select.select([listener, sys.stdin, wake_r], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            return  # the provider is gone
        if wake_r in readable:
            os.read(wake_r, 4096)
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if listener in readable:
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(5)
                data = b""
                while not data.endswith(b"\n") and len(data) < 65536:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                try:
                    answer = spawn(data.decode())
                except (OSError, ValueError, KeyError) as ex:
                    answer = "error\t%s\n" % str(ex).replace("\n", " ")
                if answer.startswith("ok"):
                    sys.stdout.write("served %s\n" % answer.split("\t")[1].strip())
                else:
                    log(answer.strip())
                    sys.stdout.write("failed\n")
                sys.stdout.flush()
                try:
                    conn.sendall(answer.encode())
                except OSError:
                    pass


if __name__ == "__main__":
    main()
