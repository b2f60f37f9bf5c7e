# Fork mode: one process per request (mode=serializing, cgi_response=true), forked from a pre-imported interpreter
# by the watchdog's fork server, or exec'd with fork_server=false.
# In http mode this file serves as server.py does: `python index.py` is the official template's fprocess, which
# faas-cli sends as envProcess, so a provider that passes it through must still get a working server.
import os

import harness_runtime

if __name__ == "__fork_server__":
    # The watchdog's fork server runs the top level once per replica under this name (docs/platform/fork-server.md):
    # the handler is imported here, once, and every request is a fork that runs the block below.
    harness_runtime.load_handler()

if __name__ == "__main__":
    if (os.getenv("mode") or "").strip().lower() == "http":
        harness_runtime.run_server("classic")
    else:
        harness_runtime.run_fork("classic")
