using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>One function's pre-fork zygote (see <see cref="PreforkInfo"/>).</summary>
public sealed record ZygoteInfo
{
    /// <summary>The function it serves.</summary>
    [JsonPropertyName("function")] public required string Function { get; init; }

    /// <summary>The function's namespace.</summary>
    [JsonPropertyName("namespace")] public required string Namespace { get; init; }

    /// <summary>The template whose server it forks: python3-http, or python3 in http mode (both share the runtime it imported).</summary>
    [JsonPropertyName("runtime")] public required string Runtime { get; init; }

    /// <summary><c>starting</c>, <c>ready</c> or <c>failed</c>.</summary>
    [JsonPropertyName("state")] public required string State { get; init; }

    /// <summary>Its process id on the host, once started.</summary>
    [JsonPropertyName("pid")] public int? Pid { get; init; }

    /// <summary>The memory its cgroup uses now, in bytes.</summary>
    [JsonPropertyName("memoryBytes")] public required long MemoryBytes { get; init; }

    /// <summary>Servers it forked into new replicas.</summary>
    [JsonPropertyName("forks")] public required long Forks { get; init; }

    /// <summary>Asks it could not serve (the replica then started its server the usual way).</summary>
    [JsonPropertyName("failures")] public required long Failures { get; init; }

    /// <summary>
    /// The function's standby replica while it is scaled to zero: its sandbox built, its watchdog started, its server
    /// forked and dropped to the function's uid, waiting to import the handler until a scale from zero takes it; null
    /// when there is none.
    /// </summary>
    [JsonPropertyName("standby")] public string? Standby { get; init; }
}
