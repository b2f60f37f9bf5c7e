using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>A deployment resolved against the artifact and secret stores: exactly what every replica of it runs.</summary>
internal sealed record FunctionSpec
{
    public required FunctionDeployment Deployment { get; init; }
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string WorkingDirectory { get; init; }

    /// <summary>Watchdog and function environment shared by all replicas (per-replica values are added at start).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required ResourceLimits Limits { get; init; }

    /// <summary>The function's own copy of its secrets (one file per secret), or null when it has none.</summary>
    public string? SecretsDirectory { get; init; }
    public bool ReadOnlyRoot { get; init; }

    /// <summary>http mode: each replica gets its own upstream port, written into <c>upstream_url</c> and <c>upstream_port</c>.</summary>
    public Uri? UpstreamUrl { get; init; }

    /// <summary>The artifact digest the replicas run, or null for an envProcess-only function.</summary>
    public string? ArtifactDigest { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The uid and gid of its sandboxed replicas; null when replicas run without the sandbox.</summary>
    public int? Uid { get; init; }
}
