using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>
/// How the provider isolates each replica: the <c>sandbox</c> object inside <c>provider</c> of <c>/system/info</c>.
/// Compliance checks (config.non-root) read <see cref="NonRoot"/> and <see cref="Enforced"/>.
/// </summary>
public sealed record SandboxInfo
{
    /// <summary>True when every replica runs in the sandbox described here.</summary>
    [JsonPropertyName("enforced")] public required bool Enforced { get; init; }

    /// <summary>How: for example <c>watchdog-namespaces</c>, <c>kubernetes-security-context</c>, or <c>none</c>.</summary>
    [JsonPropertyName("mechanism")] public required string Mechanism { get; init; }

    /// <summary>Functions never run as uid 0.</summary>
    [JsonPropertyName("nonRoot")] public required bool NonRoot { get; init; }

    /// <summary>The uids functions run as (for example <c>12000-21999</c>), or null when not known.</summary>
    [JsonPropertyName("uidRange")] public string? UidRange { get; init; }

    /// <summary>The capabilities a function holds: <c>none</c>, or what is left.</summary>
    [JsonPropertyName("capabilities")] public required string Capabilities { get; init; }

    /// <summary>Functions run with <c>no_new_privs</c>: setuid binaries cannot raise their privileges.</summary>
    [JsonPropertyName("noNewPrivs")] public required bool NoNewPrivs { get; init; }

    /// <summary>A seccomp filter restricts the system calls functions may make.</summary>
    [JsonPropertyName("seccomp")] public required bool Seccomp { get; init; }

    /// <summary>The namespaces of its own each replica gets (pid, mount, ipc, uts).</summary>
    [JsonPropertyName("namespaces")] public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>
    /// What runs outside each replica's namespaces to place it in its cgroups, forward signals and end it with its
    /// provider: <c>sandbox-monitor</c> (the slim binary) or <c>watchdog</c> (the full watchdog in that role); null when
    /// there is no sandbox or the provider does not say.
    /// </summary>
    [JsonPropertyName("monitor")] public string? Monitor { get; init; }

    /// <summary>What is not enforced, one sentence each (empty when everything is).</summary>
    [JsonPropertyName("notEnforced")] public required IReadOnlyList<string> NotEnforced { get; init; }
}
