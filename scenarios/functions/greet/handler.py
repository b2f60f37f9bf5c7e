# The harness's own sample function: greets whoever the body names, and says which process answered,
# so a test can tell a fork-mode call (new interpreter each time) from an http-mode one (same interpreter).
import os


def handle(req):
    name = (req or "").strip() or "world"
    return "hello, %s (pid %d)\n" % (name[:64], os.getpid())
