using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>The <c>provider</c> block of <c>/system/info</c>.</summary>
public sealed record ProviderInfo
{
    [JsonPropertyName("provider")] public required string Name { get; init; }
    [JsonPropertyName("orchestration")] public required string Orchestration { get; init; }
    [JsonPropertyName("version")] public required VersionInfo Version { get; init; }

    /// <summary>How replicas are isolated; null when the provider does not say.</summary>
    [JsonPropertyName("sandbox")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SandboxInfo? Sandbox { get; init; }
}
