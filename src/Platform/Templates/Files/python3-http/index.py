# Fork mode: the watchdog starts one interpreter per request (mode=serializing, cgi_response=true).
# In http mode this file serves as server.py does: `python index.py` is the official template's fprocess, which
# faas-cli sends as envProcess, so a provider that passes it through must still get a working server.
import os

import harness_runtime

if __name__ == "__main__":
    if (os.getenv("mode") or "").strip().lower() == "http":
        harness_runtime.run_server("http")
    else:
        harness_runtime.run_fork("http")
