using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>The <c>provider</c> block of <c>/system/info</c>.</summary>
public sealed record ProviderInfo
{
    /// <summary>The provider's name, e.g. <c>harness-local</c> or <c>harness-kubernetes</c>.</summary>
    [JsonPropertyName("provider")] public required string Name { get; init; }
    /// <summary>What runs the replicas, e.g. <c>process</c> or <c>kubernetes</c>.</summary>
    [JsonPropertyName("orchestration")] public required string Orchestration { get; init; }
    /// <summary>The provider's version.</summary>
    [JsonPropertyName("version")] public required VersionInfo Version { get; init; }

    /// <summary>How replicas are isolated; null when the provider does not say.</summary>
    [JsonPropertyName("sandbox")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SandboxInfo? Sandbox { get; init; }

    /// <summary>The pre-fork zygotes of the local provider (null for providers without them).</summary>
    [JsonPropertyName("prefork")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PreforkInfo? Prefork { get; init; }
}
