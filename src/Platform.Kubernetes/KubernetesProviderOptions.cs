using Harness.Platform.Contracts;

namespace Harness.Platform.Kubernetes;

/// <summary>How the Kubernetes provider shapes and places functions.</summary>
public sealed record KubernetesProviderOptions
{
    /// <summary>Where functions live; faas-netes CE accepts only this one namespace.</summary>
    public string Namespace { get; init; } = PlatformDefaults.FunctionNamespace;

    /// <summary>When not empty, functions get a required node affinity on <c>topology.kubernetes.io/region</c> In these values.</summary>
    public IReadOnlyList<string> AllowedRegions { get; init; } = [];

    /// <summary>faas-netes CE pulls on every start; k3s users who import images locally want <c>IfNotPresent</c>.</summary>
    public string ImagePullPolicy { get; init; } = "Always";

    /// <summary>The user id the container runs as (faas-netes <c>set_nonroot_user</c>), so <c>runAsNonRoot</c> holds for any image.</summary>
    public long RunAsUser { get; init; } = 12000;

    /// <summary>
    /// Registry credentials (Secrets of type <c>kubernetes.io/dockerconfigjson</c> in the function namespace) every function's
    /// pods get as <c>imagePullSecrets</c>; a function may also list such a secret under <c>secrets</c>, as with faas-netes.
    /// </summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>How often <c>logs --follow</c> looks for pods that started after it began.</summary>
    public TimeSpan LogPodPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Field manager for server-side apply: one manager and one operation (Apply) for create and update.</summary>
    public string FieldManager { get; init; } = "harness";

    /// <summary>Field manager of the scale subresource, so <c>spec.replicas</c> is owned by scaling, not by deploys.</summary>
    public string ScaleFieldManager { get; init; } = "harness-scaler";

    /// <summary>How long a read waits for the watch caches' first LIST before answering that the API server cannot be reached.</summary>
    public TimeSpan CacheSyncWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a re-create waits for a terminating Deployment of the same name (foreground deletion) to disappear.</summary>
    public TimeSpan DeletionWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Collects every problem with these options.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Namespace))
        {
            errors.Add("namespace is required");
        }

        if (ImagePullPolicy is not ("Always" or "IfNotPresent" or "Never"))
        {
            errors.Add($"image pull policy '{ImagePullPolicy}' must be Always, IfNotPresent or Never");
        }

        if (AllowedRegions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("allowed regions must not be empty strings");
        }

        if (ImagePullSecrets.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("image pull secret names must not be empty");
        }

        if (LogPodPollInterval <= TimeSpan.Zero)
        {
            errors.Add("the log pod poll interval must be positive");
        }

        if (CacheSyncWait <= TimeSpan.Zero)
        {
            errors.Add("the cache sync wait must be positive");
        }

        if (DeletionWait < TimeSpan.Zero)
        {
            errors.Add("the deletion wait must not be negative");
        }

        if (string.IsNullOrWhiteSpace(FieldManager) || string.IsNullOrWhiteSpace(ScaleFieldManager))
        {
            errors.Add("field managers must not be empty");
        }

        if (RunAsUser <= 0)
        {
            errors.Add("run-as user must be a non-root id (> 0)");
        }

        return errors;
    }
}
