using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>Memory and CPU as Kubernetes-style quantities (<c>128Mi</c>, <c>128m</c>, <c>500m</c>, <c>0.5</c>).</summary>
public sealed record FunctionResources
{
    [JsonPropertyName("memory")] public string? Memory { get; init; }
    [JsonPropertyName("cpu")] public string? Cpu { get; init; }
}
