using Harness.Platform;
using Harness.Platform.Contracts;
using Harness.Platform.Kubernetes;

namespace Harness.Cli.Platform;

/// <summary>The embedded platform's provider factory for <c>platform up --provider kubernetes</c>.</summary>
internal static class KubernetesProviderFactory
{
    public static Func<EmbeddedPlatformContext, CancellationToken, ValueTask<IFunctionProvider>> Create(PlatformUpSettings settings) => (context, _) =>
    {
        var options = new KubernetesProviderOptions { Namespace = settings.Namespace, AllowedRegions = settings.AllowedRegions, ImagePullSecrets = settings.ImagePullSecrets };
        try
        {
            return ValueTask.FromResult<IFunctionProvider>(KubernetesProvider.Connect(settings.InCluster ? null : settings.Kubeconfig, options, context.Time));
        }
        catch (Exception e) when (e is KubernetesAccessException or ArgumentException or IOException)
        {
            throw new PlatformStartException($"cannot connect to Kubernetes: {e.Message}", e);
        }
    };
}
