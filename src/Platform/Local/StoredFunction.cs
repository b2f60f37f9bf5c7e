using System.Text.Json.Serialization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>A deployed function as persisted in <c>functions/&lt;namespace&gt;/&lt;name&gt;.json</c>, restored on start.</summary>
internal sealed record StoredFunction
{
    [JsonPropertyName("deployment")] public required FunctionDeployment Deployment { get; init; }
    [JsonPropertyName("replicas")] public int Replicas { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The artifact version it runs, so a restart does not silently switch to a newer push.</summary>
    [JsonPropertyName("artifactDigest")] public string? ArtifactDigest { get; init; }
    /// <summary>The uid (and gid) its sandboxed replicas run as, kept across restarts; null without the sandbox.</summary>
    [JsonPropertyName("uid")] public int? Uid { get; init; }
}
