using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>One object Harness writes to a cluster, kept opaque so that callers need no KubernetesClient types.</summary>
public sealed class ClusterObject
{
    internal ClusterObject(k8s.IKubernetesObject<V1ObjectMeta> value) => Value = value;

    internal k8s.IKubernetesObject<V1ObjectMeta> Value { get; }

    /// <summary>The gateway's basic-auth Secret, whose generated password must survive a second apply.</summary>
    public bool IsBasicAuthSecret => Value is V1Secret && Value.Metadata.Name == PlatformManifests.BasicAuthSecretName;

    /// <summary>kubectl's <c>kind.group/name</c> way of naming it, e.g. <c>deployment.apps/gateway</c>.</summary>
    public string Describe
    {
        get
        {
            var group = Value.ApiVersion.Contains('/', StringComparison.Ordinal) ? "." + Value.ApiVersion.Split('/')[0] : "";
            return $"{Value.Kind.ToLowerInvariant()}{group}/{Value.Metadata.Name}";
        }
    }
}
