using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A component's version as OpenFaaS reports it.</summary>
public sealed record VersionInfo
{
    /// <summary>The commit it was built from; empty when unknown.</summary>
    [JsonPropertyName("sha")] public string Sha { get; init; } = "";
    /// <summary>The release version, e.g. <c>0.1.0</c>; empty when unknown.</summary>
    [JsonPropertyName("release")] public string Release { get; init; } = "";
    /// <summary>The commit message, when the component reports one; null otherwise.</summary>
    [JsonPropertyName("commit_message")] public string? CommitMessage { get; init; }
}
