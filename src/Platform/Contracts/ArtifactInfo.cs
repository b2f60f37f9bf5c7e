using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A built function in the artifact store.</summary>
public sealed record ArtifactInfo
{
    /// <summary>The image reference it was pushed under (the stack's <c>image:</c>), e.g. <c>example/hello:1</c>.</summary>
    [JsonPropertyName("image")] public required string Image { get; init; }
    /// <summary>The SHA-256 of the pushed archive (<c>sha256:…</c>), which names this version.</summary>
    [JsonPropertyName("digest")] public required string Digest { get; init; }
    /// <summary>When this version was stored.</summary>
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The size of the pushed gzipped tar, in bytes.</summary>
    [JsonPropertyName("sizeBytes")] public long SizeBytes { get; init; }
}
