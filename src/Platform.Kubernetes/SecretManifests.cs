using System.Text;
using Harness.Platform.Contracts;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>A function secret as faas-netes stores it: one data key named after the secret, labelled as ours.</summary>
internal static class SecretManifests
{
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string DockerCfg = "kubernetes.io/dockercfg";

    /// <param name="type">
    /// The type of the secret being updated (immutable in Kubernetes): a registry secret keeps its type and its value goes
    /// under the key that type requires (<c>.dockerconfigjson</c> / <c>.dockercfg</c>); null or Opaque for a function secret.
    /// </param>
    public static V1Secret Build(SecretSpec secret, string @namespace, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var value = secret.RawValue ?? Encoding.UTF8.GetBytes(secret.Value ?? "");
        var key = type switch
        {
            DockerConfigJson => ".dockerconfigjson",
            DockerCfg => ".dockercfg",
            _ => secret.Name,
        };
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = string.IsNullOrEmpty(type) ? "Opaque" : type,
            Metadata = new V1ObjectMeta
            {
                Name = secret.Name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedByValue },
            },
            Data = new Dictionary<string, byte[]> { [key] = value },
        };
    }

    /// <summary>Made through the OpenFaaS API (faas-netes' <c>app.kubernetes.io/managed-by=openfaas</c> label).</summary>
    public static bool IsManaged(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Metadata?.Labels?.TryGetValue(KubernetesNames.ManagedByLabel, out var v) == true && v == KubernetesNames.ManagedByValue;
    }
}
