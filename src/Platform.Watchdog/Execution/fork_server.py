# The watchdog's Python fork server (docs/platform/fork-server.md). The watchdog starts it once per replica, inside the
# replica's sandbox, as `python3 [flags] -c <this file> index.py`, with a SOCK_SEQPACKET control socket on fd 0.
#
# Once: index.py is compiled and its top level run with __name__ == "__fork_server__" (its imports: the OpenFaaS
# template's `from function import handler`; Harness's template preloads its handler there). Per request: a fork, which
# becomes the session leader, gets the request's stdin/stdout/stderr pipes and Http_* environment, runs index.py as
# __main__ exactly as `python3 index.py` would, and exits. The parent never runs a request, so nothing carries over.
#
# Protocol (one message per datagram, ASCII head):
#   watchdog -> here   F<id>\n<NAME=value\0 ...>   with the child's stdin, stdout and stderr as SCM_RIGHTS
#   here -> watchdog   R | D<why> (ready / declined, once) · P<id> <pid> · E<id> <why> · X<pid> <status>
import os
import signal
import socket
import sys


def _decline(ctl, why):
    ctl.send(b"D" + why.encode("utf-8", "replace")[:4000])
    sys.exit(0)


def _exit_status(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except Exception:
        pass
    return 1


def _run_request(code, path):
    """The child: what `python3 index.py` does after start-up, then an exit without the parent's finalisation."""
    import types

    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__cached__ = None
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    status = 0
    try:
        exec(code, main.__dict__)
    except SystemExit as e:
        status = _exit_status(e)
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
        status = 128 + signal.SIGINT
    except BaseException:
        sys.excepthook(*sys.exc_info())
        status = 1
    # What Py_Finalize would do first: wait for non-daemon threads, run atexit handlers, flush the standard streams.
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException:
            pass
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            if status == 0:
                status = 120
    os._exit(status)


def main():
    script = sys.argv[1]
    path = os.path.abspath(script)
    ctl = socket.socket(fileno=os.dup(0))
    if sys.version_info < (3, 9):
        _decline(ctl, "Python %d.%d is older than 3.9" % sys.version_info[:2])
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.close(null)
    # As `python3 index.py` sees it: argv[0] is the script, the script's folder is first on sys.path.
    sys.argv = [script]
    sys.path[0] = os.path.dirname(path)

    # Anything the top level prints would, per request, have been part of the response: such a script is declined and
    # the watchdog goes on starting one interpreter per request.
    probe = os.memfd_create("fork-server-import")
    saved = os.dup(1), os.dup(2)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(probe, 1)
    os.dup2(probe, 2)
    failure = None
    try:
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec")
        exec(code, {"__name__": "__fork_server__", "__file__": path, "__builtins__": __builtins__})
    except BaseException as e:  # noqa: BLE001 - any failure means: fall back to exec per request
        failure = "%s: %s" % (type(e).__name__, e)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    printed = os.fstat(probe).st_size
    os.dup2(saved[0], 1)
    os.dup2(saved[1], 2)
    for fd in (probe, saved[0], saved[1]):
        os.close(fd)
    if failure is not None:
        _decline(ctl, "%s failed to import: %s" % (script, failure))
    if printed:
        _decline(ctl, "%s writes %d bytes of output while importing; each request must see that output" % (script, printed))

    # What the imports built is never collected here: frozen, the children's collections skip it and leave its pages
    # shared instead of copying them.
    import gc

    gc.freeze()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    ctl.send(b"R")

    import select

    space = socket.CMSG_SPACE(3 * 4)
    while True:
        readable, _, _ = select.select([ctl, wake_r], [], [])
        if wake_r in readable:
            os.read(wake_r, 512)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                code_ = os.waitstatus_to_exitcode(status)
                ctl.send(b"X%d %d" % (pid, code_ if code_ >= 0 else 128 - code_))
        if ctl not in readable:
            continue
        data, ancdata, _, _ = ctl.recvmsg(1 << 18, space)
        if not data:
            return  # the watchdog is gone
        fds = []
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.extend(int.from_bytes(payload[i:i + 4], sys.byteorder) for i in range(0, len(payload) - len(payload) % 4, 4))
        head, _, env = data.partition(b"\n")
        rid = head[1:]
        if head[:1] != b"F" or len(fds) != 3:
            for fd in fds:
                os.close(fd)
            ctl.send(b"E" + rid + b" bad request to the fork server")
            continue
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        try:
            pid = os.fork()
        except OSError as e:
            for fd in fds:
                os.close(fd)
            ctl.send(b"E" + rid + b" fork: " + str(e).encode())
            continue
        if pid == 0:
            try:
                os.setsid()
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                for target, fd in enumerate(fds):
                    os.dup2(fd, target)
                for fd in fds + [wake_r, wake_w, ctl.detach()]:
                    if fd > 2:
                        os.close(fd)
                for item in env.split(b"\0"):
                    name, eq, value = item.partition(b"=")
                    if eq and name:
                        os.environb[name] = value
                _run_request(code, path)
            finally:
                os._exit(70)
        for fd in fds:
            os.close(fd)
        ctl.send(b"P" + rid + b" %d" % pid)


main()
