using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A secret as <c>/system/secrets</c> carries it; <c>rawValue</c> is base64 in JSON.</summary>
public sealed record SecretSpec
{
    /// <summary>The secret name (see <see cref="SecretName"/>); a function reads it from <c>/var/openfaas/secrets/NAME</c>.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>The function namespace it belongs to; null or empty means <see cref="PlatformDefaults.FunctionNamespace"/>.</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    /// <summary>The value as text (UTF-8 on disk); used when <see cref="RawValue"/> is null. A list leaves it null: values are never read back.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }
    /// <summary>The value as bytes; takes precedence over <see cref="Value"/>. A list leaves it null.</summary>
    [JsonPropertyName("rawValue")] public byte[]? RawValue { get; init; }
}
