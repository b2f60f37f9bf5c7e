using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>Resource usage of a function's replicas.</summary>
public sealed record FunctionUsage
{
    /// <summary>CPU use of all replicas, in millicores, averaged over the provider's last sampling window.</summary>
    [JsonPropertyName("cpu")] public double Cpu { get; init; }
    /// <summary>Memory in use by all replicas together, in bytes (a double, as in OpenFaaS).</summary>
    [JsonPropertyName("totalMemoryBytes")] public double TotalMemoryBytes { get; init; }
}
