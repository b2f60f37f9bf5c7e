using System.Text;
using Harness.Platform.Contracts;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>A function secret as faas-netes stores it: one data key named after the secret.</summary>
public static class SecretManifests
{
    public static V1Secret Build(SecretSpec secret, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var value = secret.RawValue ?? Encoding.UTF8.GetBytes(secret.Value ?? "");
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = secret.Name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedByValue },
            },
            Data = new Dictionary<string, byte[]> { [secret.Name] = value },
        };
    }
}
