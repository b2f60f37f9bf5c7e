using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A secret as <c>/system/secrets</c> carries it; <c>rawValue</c> is base64 in JSON.</summary>
public sealed record SecretSpec
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("rawValue")] public byte[]? RawValue { get; init; }
}
