# Fork mode: the watchdog starts one interpreter per request (mode=serializing, cgi_response=true).
import harness_runtime

if __name__ == "__main__":
    harness_runtime.run_fork("flask")
