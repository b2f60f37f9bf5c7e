using System.Text.Json.Serialization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>The body of <c>GET /system/info</c>.</summary>
internal sealed record GatewayInfo
{
    [JsonPropertyName("provider")] public required ProviderInfo Provider { get; init; }
    [JsonPropertyName("version")] public required VersionInfo Version { get; init; }
    [JsonPropertyName("arch")] public required string Arch { get; init; }
}
