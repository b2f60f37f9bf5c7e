using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A component's version as OpenFaaS reports it.</summary>
public sealed record VersionInfo
{
    [JsonPropertyName("sha")] public string Sha { get; init; } = "";
    [JsonPropertyName("release")] public string Release { get; init; } = "";
    [JsonPropertyName("commit_message")] public string? CommitMessage { get; init; }
}
