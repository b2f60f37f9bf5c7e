using System.Text.Json.Serialization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Client;

/// <summary>The body of <c>/system/info</c>.</summary>
public sealed record GatewayInfo
{
    /// <summary>The provider block; null when the gateway does not send one.</summary>
    [JsonPropertyName("provider")] public ProviderInfo? Provider { get; init; }
    /// <summary>The gateway's own version; null when it does not send one.</summary>
    [JsonPropertyName("version")] public VersionInfo? Version { get; init; }
    /// <summary>The gateway's CPU architecture as Go names it (<c>amd64</c>, <c>arm64</c>); null when not sent.</summary>
    [JsonPropertyName("arch")] public string? Arch { get; init; }
}
