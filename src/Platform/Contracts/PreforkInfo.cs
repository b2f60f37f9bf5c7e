using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>
/// The local provider's pre-fork zygotes, as <c>/system/info</c> reports them under <c>provider.prefork</c>: one per
/// eligible function (python3-http in the sandbox), each holding an interpreter with the template's runtime imported,
/// from which a scale from zero forks the replica's server; and the standby replicas of functions scaled to zero,
/// prepared up to the import of the handler.
/// </summary>
public sealed record PreforkInfo
{
    /// <summary>Whether cold starts may be served from zygotes at all.</summary>
    [JsonPropertyName("enabled")] public required bool Enabled { get; init; }

    /// <summary>Why not, when <see cref="Enabled"/> is false.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>At most this many zygotes run at once (one per function); further functions start the usual way.</summary>
    [JsonPropertyName("maxZygotes")] public required int MaxZygotes { get; init; }

    /// <summary>The memory limit of each zygote's own cgroup, in bytes.</summary>
    [JsonPropertyName("memoryLimitBytes")] public required long MemoryLimitBytes { get; init; }

    /// <summary>The memory the running zygotes use now, in bytes (their cgroups' usage).</summary>
    [JsonPropertyName("memoryBytes")] public required long MemoryBytes { get; init; }

    /// <summary>Replica servers forked from zygotes since the provider started.</summary>
    [JsonPropertyName("forks")] public required long Forks { get; init; }

    /// <summary>Asks no zygote could serve since the provider started (those replicas started their server the usual way).</summary>
    [JsonPropertyName("failures")] public required long Failures { get; init; }

    /// <summary>Whether a function scaled to zero keeps one standby replica (see <see cref="ZygoteInfo.Standby"/>).</summary>
    [JsonPropertyName("standbyEnabled")] public bool StandbyEnabled { get; init; }

    /// <summary>Standby replicas waiting now (at most one per zygote).</summary>
    [JsonPropertyName("standbys")] public int Standbys { get; init; }

    /// <summary>The memory the waiting standby replicas use now, in bytes (their cgroups' usage).</summary>
    [JsonPropertyName("standbyMemoryBytes")] public long StandbyMemoryBytes { get; init; }

    /// <summary>Scale-ups served by a standby replica since the provider started.</summary>
    [JsonPropertyName("standbyTaken")] public long StandbyTaken { get; init; }

    /// <summary>One entry per zygote.</summary>
    [JsonPropertyName("zygotes")] public required IReadOnlyList<ZygoteInfo> Zygotes { get; init; }

    /// <summary>
    /// Whether <paramref name="function"/>'s standby replica is prepared: true when it is, false while it may still
    /// come, null when the platform keeps none for it (standbys off, no zygote, or its zygote failed).
    /// </summary>
    public bool? StandbyPrepared(string function) =>
        !StandbyEnabled || Zygotes.FirstOrDefault(z => z.Function == function) is not { State: not "failed" } zygote ? null : zygote.Standby is not null;
}
