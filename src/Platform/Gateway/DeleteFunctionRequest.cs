using System.Text.Json.Serialization;

namespace Harness.Platform.Gateway;

/// <summary>The body of <c>DELETE /system/functions</c>.</summary>
internal sealed record DeleteFunctionRequest
{
    [JsonPropertyName("functionName")] public string? FunctionName { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
}
