using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A request to deploy or update a function, with OpenFaaS's JSON field names.</summary>
public sealed record FunctionDeployment
{
    /// <summary>The function name: a DNS-1123 label (at most 63 characters), unique within its namespace.</summary>
    [JsonPropertyName("service")] public required string Service { get; init; }
    /// <summary>The image reference (for the local provider, an artifact pushed under that name).</summary>
    [JsonPropertyName("image")] public required string Image { get; init; }
    /// <summary>The function namespace; null or empty means <see cref="PlatformDefaults.FunctionNamespace"/>.</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    /// <summary>The <c>fprocess</c> command the watchdog runs; null keeps the image's (or template's) own.</summary>
    [JsonPropertyName("envProcess")] public string? EnvProcess { get; init; }
    /// <summary>Environment variables of the function process; null means none.</summary>
    [JsonPropertyName("envVars")] public IReadOnlyDictionary<string, string>? EnvVars { get; init; }
    /// <summary>Placement constraints as <c>key=value</c> (e.g. <c>topology.kubernetes.io/region=eu-north-1</c>); null means none.</summary>
    [JsonPropertyName("constraints")] public IReadOnlyList<string>? Constraints { get; init; }
    /// <summary>Names of secrets to mount under <see cref="PlatformDefaults.SecretMountPath"/>, one file each; null means none.</summary>
    [JsonPropertyName("secrets")] public IReadOnlyList<string>? Secrets { get; init; }
    /// <summary>Labels, including the <c>com.openfaas.scale.*</c> scaling labels; null means none.</summary>
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>Annotations, e.g. <see cref="PlatformDefaults.ReadOnlyAnnotation"/>; null means none.</summary>
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    /// <summary>Resource limits; null means none beyond the provider's defaults.</summary>
    [JsonPropertyName("limits")] public FunctionResources? Limits { get; init; }
    /// <summary>Resource requests (what the scheduler reserves); null means none.</summary>
    [JsonPropertyName("requests")] public FunctionResources? Requests { get; init; }
    /// <summary>Mount the function's root filesystem read-only (only <c>/tmp</c> stays writable).</summary>
    [JsonPropertyName("readOnlyRootFilesystem")] public bool ReadOnlyRootFilesystem { get; init; }
}
