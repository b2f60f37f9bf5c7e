using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>Resource usage of a function's replicas.</summary>
public sealed record FunctionUsage
{
    [JsonPropertyName("cpu")] public double Cpu { get; init; }
    [JsonPropertyName("totalMemoryBytes")] public double TotalMemoryBytes { get; init; }
}
