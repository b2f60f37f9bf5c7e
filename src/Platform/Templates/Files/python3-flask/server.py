# http mode: started once by the watchdog (mode=http); imports the handler once and serves on 127.0.0.1:$upstream_port.
import harness_runtime

if __name__ == "__main__":
    harness_runtime.run_server("flask")
