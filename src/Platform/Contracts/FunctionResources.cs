using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>Memory and CPU as Kubernetes-style quantities (<c>128Mi</c>, <c>128m</c>, <c>500m</c>, <c>0.5</c>).</summary>
public sealed record FunctionResources
{
    /// <summary>Memory in bytes with an optional binary or decimal suffix (<c>128Mi</c>, <c>1G</c>); null means not set.</summary>
    [JsonPropertyName("memory")] public string? Memory { get; init; }
    /// <summary>CPU in cores or millicores (<c>0.5</c>, <c>500m</c>); null means not set.</summary>
    [JsonPropertyName("cpu")] public string? Cpu { get; init; }

    /// <summary>
    /// Any other resource OpenFaaS accepts here (<c>nvidia.com/gpu</c>, <c>ephemeral-storage</c>): kept so the
    /// function's status shows what was asked for, but applied by no provider; the gateway warns on deploy.
    /// </summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? Other { get; init; }
}
