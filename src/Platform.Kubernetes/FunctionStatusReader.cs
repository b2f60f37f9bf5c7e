using Harness.Platform.Contracts;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>Reads a function's status back from its Deployment (the inverse of <see cref="FunctionManifests"/>).</summary>
internal static class FunctionStatusReader
{
    /// <param name="providerPullSecrets">The provider's own image pull secrets, which every function has and so are not the function's.</param>
    public static FunctionStatus Read(V1Deployment deployment, IReadOnlyCollection<string>? providerPullSecrets = null)
    {
        var container = deployment.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        var env = container?.Env ?? [];
        var podLabels = deployment.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        var labels = podLabels.Where(kv => kv.Key is not (KubernetesNames.FunctionLabel or KubernetesNames.RolloutLabel)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var secrets = (deployment.Spec?.Template?.Spec?.Volumes ?? [])
            .SelectMany(v => v.Projected?.Sources ?? [])
            .Where(s => s.Secret is not null)
            .Select(s => s.Secret.Name)
            .Concat((deployment.Spec?.Template?.Spec?.ImagePullSecrets ?? []).Select(r => r.Name).Where(n => providerPullSecrets?.Contains(n, StringComparer.Ordinal) != true))
            .Order(StringComparer.Ordinal)
            .ToList();
        var constraints = deployment.Spec?.Template?.Spec?.NodeSelector?.Select(kv => $"{kv.Key}={kv.Value}").ToList();
        return new FunctionStatus
        {
            Name = deployment.Metadata.Name,
            Namespace = deployment.Metadata.NamespaceProperty,
            Image = container?.Image ?? "",
            EnvProcess = env.FirstOrDefault(e => e.Name == KubernetesNames.FunctionProcessEnv)?.Value,
            EnvVars = env.Where(e => e.Name != KubernetesNames.FunctionProcessEnv).ToDictionary(e => e.Name, e => e.Value ?? "", StringComparer.Ordinal),
            Labels = labels,
            // The pod template's annotations are exactly the function's: the Deployment's own collect controller and
            // kubectl bookkeeping (deployment.kubernetes.io/revision, last-applied-configuration).
            Annotations = deployment.Spec?.Template?.Metadata?.Annotations is { } a ? new Dictionary<string, string>(a, StringComparer.Ordinal) : null,
            Secrets = secrets is { Count: > 0 } ? secrets : null,
            Constraints = constraints is { Count: > 0 } ? constraints : null,
            Limits = Resources(container?.Resources?.Limits),
            Requests = Resources(container?.Resources?.Requests),
            ReadOnlyRootFilesystem = container?.SecurityContext?.ReadOnlyRootFilesystem == true,
            Replicas = deployment.Spec?.Replicas ?? 0,
            AvailableReplicas = deployment.Status?.AvailableReplicas ?? 0,
            CreatedAt = deployment.Metadata.CreationTimestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
        };
    }

    private static FunctionResources? Resources(IDictionary<string, ResourceQuantity>? quantities)
    {
        if (quantities is null || quantities.Count == 0)
        {
            return null;
        }

        return new FunctionResources
        {
            Memory = quantities.TryGetValue("memory", out var m) ? m.ToString() : null,
            Cpu = quantities.TryGetValue("cpu", out var c) ? c.ToString() : null,
        };
    }
}
