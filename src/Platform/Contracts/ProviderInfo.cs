using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>The <c>provider</c> block of <c>/system/info</c>.</summary>
public sealed record ProviderInfo
{
    [JsonPropertyName("provider")] public required string Name { get; init; }
    [JsonPropertyName("orchestration")] public required string Orchestration { get; init; }
    [JsonPropertyName("version")] public required VersionInfo Version { get; init; }
}
