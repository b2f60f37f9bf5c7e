using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A request to deploy or update a function, with OpenFaaS's JSON field names.</summary>
public sealed record FunctionDeployment
{
    [JsonPropertyName("service")] public required string Service { get; init; }
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
}
