using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A built function in the artifact store.</summary>
public sealed record ArtifactInfo
{
    [JsonPropertyName("image")] public required string Image { get; init; }
    [JsonPropertyName("digest")] public required string Digest { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("sizeBytes")] public long SizeBytes { get; init; }
}
