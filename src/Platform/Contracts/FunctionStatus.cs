using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>What a provider knows about a deployed function, with OpenFaaS's JSON field names.</summary>
public sealed record FunctionStatus
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("image")] public required string Image { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("envProcess")] public string? EnvProcess { get; init; }
    [JsonPropertyName("envVars")] public IReadOnlyDictionary<string, string>? EnvVars { get; init; }
    [JsonPropertyName("constraints")] public IReadOnlyList<string>? Constraints { get; init; }
    [JsonPropertyName("secrets")] public IReadOnlyList<string>? Secrets { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("limits")] public FunctionResources? Limits { get; init; }
    [JsonPropertyName("requests")] public FunctionResources? Requests { get; init; }
    [JsonPropertyName("readOnlyRootFilesystem")] public bool ReadOnlyRootFilesystem { get; init; }
    [JsonPropertyName("invocationCount")] public double InvocationCount { get; init; }
    /// <summary>Desired replicas.</summary>
    [JsonPropertyName("replicas")] public int Replicas { get; init; }
    /// <summary>Replicas that pass their health check.</summary>
    [JsonPropertyName("availableReplicas")] public int AvailableReplicas { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("usage")] public FunctionUsage? Usage { get; init; }
    /// <summary>Harness extension: why the last replica exited (for example <c>OOMKilled</c>), if one did.</summary>
    [JsonPropertyName("lastExitReason")] public string? LastExitReason { get; init; }
}
