using System.Text.Json.Serialization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Client;

/// <summary>The body of <c>/system/info</c>.</summary>
public sealed record GatewayInfo
{
    [JsonPropertyName("provider")] public ProviderInfo? Provider { get; init; }
    [JsonPropertyName("version")] public VersionInfo? Version { get; init; }
    [JsonPropertyName("arch")] public string? Arch { get; init; }
}
