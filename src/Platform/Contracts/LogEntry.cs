using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>One NDJSON line of <c>/system/logs</c>, with OpenFaaS's field names.</summary>
public sealed record LogEntry
{
    /// <summary>The function that wrote the line.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>The function's namespace.</summary>
    [JsonPropertyName("namespace")] public required string Namespace { get; init; }
    /// <summary>The replica (pod name or local replica id) that wrote it, or the platform part (e.g. <c>provider</c>) for its own notes.</summary>
    [JsonPropertyName("instance")] public required string Instance { get; init; }
    /// <summary>When the line was written.</summary>
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }
    /// <summary>The line, without its line break.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }
}
