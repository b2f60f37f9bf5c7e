namespace Harness.Platform.Kubernetes;

/// <summary>The one place a kubeconfig the user named is read (every client of this project connects through it).</summary>
internal static class KubeconfigFile
{
    /// <summary>
    /// The client configuration of <paramref name="path"/> (its current context). KubernetesClient reads the file whole,
    /// so it is checked first to be a regular file of sane size (<c>/dev/zero</c> ran the process out of memory); the
    /// <see cref="IOException"/> that says otherwise is wrapped by the caller as any unreadable kubeconfig.
    /// </summary>
    public static k8s.KubernetesClientConfiguration Load(string path)
    {
        Files.UserFile.Check(path);
        return k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
    }
}
