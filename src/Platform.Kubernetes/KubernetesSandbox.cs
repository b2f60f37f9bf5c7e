using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// What <c>/system/info</c> says about the isolation of this provider's replicas: exactly what the container
/// <c>securityContext</c> of <see cref="FunctionManifests"/> asks the kubelet for, and what it leaves to the cluster.
/// </summary>
internal static class KubernetesSandbox
{
    public const string Mechanism = "kubernetes-security-context";

    public static SandboxInfo Describe(KubernetesProviderOptions options)
    {
        var uid = options.RunAsUser.ToString(CultureInfo.InvariantCulture);
        return new SandboxInfo
        {
            Enforced = true,
            Mechanism = Mechanism,
            // runAsNonRoot: true and runAsUser: the kubelet refuses to start a container that would run as 0.
            NonRoot = true,
            UidRange = uid,
            // capabilities.drop: [ALL]; allowPrivilegeEscalation: false is no_new_privs.
            Capabilities = "none",
            NoNewPrivs = true,
            Seccomp = false,
            // A pod's containers get these from the container runtime (no hostPID, hostIPC or hostNetwork is set).
            Namespaces = ["pid", "mount", "ipc", "uts", "network"],
            NotEnforced =
            [
                $"a uid of each function's own: every function runs as uid {uid} (runAsUser), so a function that leaves its container's namespaces can act as every other function",
                "a group of its own: runAsGroup is not set, so the primary group is the image's (often 0)",
                "seccomp: no seccompProfile is set, so the container runs Unconfined unless the kubelet defaults to RuntimeDefault (--seccomp-default)",
                "a read-only root filesystem unless the function asks for it (readOnlyRootFilesystem)",
                "network isolation: no NetworkPolicy is created, so pods reach each other's ports",
            ],
        };
    }
}
