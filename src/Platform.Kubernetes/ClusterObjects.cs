using Harness.Platform.Contracts;

namespace Harness.Platform.Kubernetes;

/// <summary>The objects of <c>harness k8s manifests</c> and <c>k8s apply</c>, built and printed without exposing KubernetesClient.</summary>
public static class ClusterObjects
{
    /// <summary>Namespaces, gateway Deployment and Service, RBAC and the basic-auth Secret.</summary>
    public static IReadOnlyList<ClusterObject> Platform(PlatformManifestOptions options) =>
        PlatformManifests.Build(options).Select(o => new ClusterObject(o)).ToList();

    /// <summary>A function's Deployment and Service (declarative: no rollout <c>uid</c>); call <see cref="FunctionManifests.Validate"/> first.</summary>
    public static IReadOnlyList<ClusterObject> Function(FunctionDeployment deployment, KubernetesProviderOptions options)
    {
        var manifest = FunctionManifests.Build(deployment, options);
        return [new ClusterObject(manifest.Deployment), new ClusterObject(manifest.Service)];
    }

    /// <summary>A distributed run's ServiceAccount (no API access, no token) and Indexed Job of <c>harness agent</c> pods.</summary>
    public static IReadOnlyList<ClusterObject> AgentJob(AgentJobOptions options) =>
        AgentJobManifests.Build(options).Select(o => new ClusterObject(o)).ToList();

    /// <summary>One multi-document YAML stream, in the order given.</summary>
    public static string ToYaml(IEnumerable<ClusterObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return ManifestYaml.Serialize(objects.Select(o => (object)o.Value));
    }
}
