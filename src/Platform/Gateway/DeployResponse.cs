using System.Text.Json.Serialization;

namespace Harness.Platform.Gateway;

/// <summary>The 202 body of a deploy or update when there is something to warn about; otherwise the body is empty, as in OpenFaaS.</summary>
internal sealed record DeployResponse
{
    [JsonPropertyName("warnings")] public required IReadOnlyList<string> Warnings { get; init; }
}
