namespace Harness.Platform.Kubernetes;

/// <summary>
/// A kubeconfig that cannot be used, or a call the API server refused or could not be reached for; callers outside this
/// project catch this instead of KubernetesClient's own exception types.
/// </summary>
public sealed class KubernetesAccessException : Exception
{
    /// <summary>Without a message.</summary>
    public KubernetesAccessException()
    {
    }

    /// <summary>With <paramref name="message"/>, which names what was being accessed and why it failed.</summary>
    public KubernetesAccessException(string message)
        : base(message)
    {
    }

    /// <summary>With <paramref name="message"/> and KubernetesClient's own exception.</summary>
    public KubernetesAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps the exceptions KubernetesClient throws for a bad kubeconfig or a failed call; null for anything else.</summary>
    internal static KubernetesAccessException? From(Exception e, string what) => e switch
    {
        k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException => new KubernetesAccessException($"{what}: {e.Message}", e),
        k8s.Autorest.HttpOperationException => new KubernetesAccessException($"{what}: {KubernetesErrors.Describe(e)} ({e.Message})", e),
        HttpRequestException or IOException or UnauthorizedAccessException => new KubernetesAccessException($"{what}: {e.Message}", e),
        _ => null,
    };
}
