using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>One NDJSON line of <c>/system/logs</c>, with OpenFaaS's field names.</summary>
public sealed record LogEntry
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("namespace")] public required string Namespace { get; init; }
    [JsonPropertyName("instance")] public required string Instance { get; init; }
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
}
