using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A function namespace as faas-provider's <c>/system/namespace/{name}</c> carries it.</summary>
public sealed record FunctionNamespace
{
    /// <summary>The namespace name: a DNS-1123 label.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Labels of the namespace; null means none.</summary>
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>Annotations of the namespace; null means none.</summary>
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
