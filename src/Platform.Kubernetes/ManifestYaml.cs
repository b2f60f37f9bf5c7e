using k8s;

namespace Harness.Platform.Kubernetes;

/// <summary>Several objects as one multi-document YAML stream, in the order given.</summary>
internal static class ManifestYaml
{
    public static string Serialize(IEnumerable<object> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));
    }
}
