using System.Text.Json.Serialization;

namespace Harness.Platform.Gateway;

/// <summary>The body of <c>POST /system/scale-function/{name}</c>.</summary>
internal sealed record ScaleServiceRequest
{
    [JsonPropertyName("serviceName")] public string? ServiceName { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("replicas")] public long? Replicas { get; init; }
}
