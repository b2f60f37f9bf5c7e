using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>What <c>/system/info</c> says about the local provider's sandbox, and what it does not enforce.</summary>
internal static class SandboxReport
{
    /// <summary>The name of the mechanism in <see cref="SandboxInfo.Mechanism"/>.</summary>
    public const string Mechanism = "watchdog-namespaces";

    public const string LoopbackCaveat =
        "network isolation: replicas share the host's network namespace and can reach each other's (and the gateway's) loopback ports, like pods without a NetworkPolicy";

    public static SandboxInfo Describe(Isolation isolation, string uidRange)
    {
        var notEnforced = new List<string>();
        if (isolation.Sandbox)
        {
            notEnforced.Add(LoopbackCaveat);
            if (!isolation.Cgroups)
            {
                notEnforced.Add($"memory, CPU and process limits ({isolation.CgroupsUnavailableReason})");
            }

            return new SandboxInfo
            {
                Enforced = true,
                Mechanism = Mechanism,
                NonRoot = true,
                UidRange = uidRange,
                Capabilities = "none",
                NoNewPrivs = true,
                Seccomp = true,
                Namespaces = ["pid", "mount", "ipc", "uts"],
                NotEnforced = notEnforced,
            };
        }

        var root = Environment.IsPrivilegedProcess;
        notEnforced.Add(root
            ? "an unprivileged uid: functions run as root, as the platform does"
            : "a uid of each function's own: every function runs as the platform's user and can signal, trace and read the others and the platform's state");
        notEnforced.Add("capabilities dropped, no_new_privs and the seccomp filter");
        notEnforced.Add("PID, mount, IPC and UTS namespaces: functions see the host's processes and file system");
        notEnforced.Add("a minimal read-only root, a private /tmp and secrets visible to their own function only");
        if (!isolation.Cgroups)
        {
            notEnforced.Add($"memory, CPU and process limits ({isolation.CgroupsUnavailableReason})");
        }

        notEnforced.Add(LoopbackCaveat);
        return new SandboxInfo
        {
            Enforced = false,
            Mechanism = "none",
            NonRoot = !root,
            UidRange = null,
            Capabilities = root ? "all of the platform's" : "the platform user's",
            NoNewPrivs = false,
            Seccomp = false,
            Namespaces = [],
            NotEnforced = notEnforced,
        };
    }
}
