using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A function namespace as faas-provider's <c>/system/namespace/{name}</c> carries it.</summary>
public sealed record FunctionNamespace
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
