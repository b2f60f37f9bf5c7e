using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>What a provider knows about a deployed function, with OpenFaaS's JSON field names.</summary>
public sealed record FunctionStatus
{
    /// <summary>The function name: a DNS-1123 label (at most 63 characters), unique within its namespace.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
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
    /// <summary>Invocations the gateway has counted for the function since it started (a count, as a double as in OpenFaaS).</summary>
    [JsonPropertyName("invocationCount")] public double InvocationCount { get; init; }
    /// <summary>Desired replicas.</summary>
    [JsonPropertyName("replicas")] public int Replicas { get; init; }
    /// <summary>Replicas that pass their health check.</summary>
    [JsonPropertyName("availableReplicas")] public int AvailableReplicas { get; init; }
    /// <summary>When the function was first deployed; null when the provider does not know.</summary>
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>Resource usage of its replicas; null when the provider does not measure it.</summary>
    [JsonPropertyName("usage")] public FunctionUsage? Usage { get; init; }
    /// <summary>Harness extension: why the last replica exited (for example <c>OOMKilled</c>), if one did.</summary>
    [JsonPropertyName("lastExitReason")] public string? LastExitReason { get; init; }
}
