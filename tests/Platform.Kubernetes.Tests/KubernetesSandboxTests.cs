using Harness.Platform.Contracts;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary><c>/system/info</c>'s sandbox of the Kubernetes provider says what the function pods' securityContext really asks for.</summary>
public sealed class KubernetesSandboxTests
{
    [Fact]
    public void The_reported_sandbox_matches_the_container_security_context_of_a_deployed_function()
    {
        var options = new KubernetesProviderOptions { RunAsUser = 12345 };
        var sandbox = KubernetesSandbox.Describe(options);
        var context = FunctionManifests.Build(new FunctionDeployment { Service = "f", Image = "example/f:1" }, options)
            .Deployment.Spec.Template.Spec.Containers.Single().SecurityContext;

        Assert.True(sandbox.Enforced);
        Assert.Equal("kubernetes-security-context", sandbox.Mechanism);
        Assert.True(context.RunAsNonRoot);
        Assert.True(sandbox.NonRoot);
        Assert.Equal(context.RunAsUser?.ToString(System.Globalization.CultureInfo.InvariantCulture), sandbox.UidRange);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
        Assert.Null(context.Capabilities.Add);
        Assert.Equal("none", sandbox.Capabilities);
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.True(sandbox.NoNewPrivs);
        // No profile is asked for, so none may be claimed.
        Assert.Null(context.SeccompProfile);
        Assert.False(sandbox.Seccomp);
        Assert.Null(context.RunAsGroup);
        Assert.Contains(sandbox.NotEnforced, n => n.Contains("runAsGroup", StringComparison.Ordinal));
        Assert.Contains(sandbox.NotEnforced, n => n.Contains("seccomp", StringComparison.Ordinal));
        Assert.Contains(sandbox.NotEnforced, n => n.Contains("uid 12345", StringComparison.Ordinal));
    }
}
