using System.Text.Json.Serialization;

namespace Harness.Platform.Gateway;

/// <summary>The body of <c>DELETE /system/secrets</c>.</summary>
internal sealed record DeleteSecretRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
}
