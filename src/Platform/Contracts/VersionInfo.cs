using System.Reflection;
using System.Text.Json.Serialization;

namespace Harness.Platform.Contracts;

/// <summary>A component's version as OpenFaaS reports it.</summary>
public sealed record VersionInfo
{
    /// <summary>The commit it was built from; empty when unknown.</summary>
    [JsonPropertyName("sha")] public string Sha { get; init; } = "";
    /// <summary>The release version, e.g. <c>0.1.0</c>; empty when unknown.</summary>
    [JsonPropertyName("release")] public string Release { get; init; } = "";
    /// <summary>The commit message, when the component reports one; null otherwise.</summary>
    [JsonPropertyName("commit_message")] public string? CommitMessage { get; init; }

    /// <summary>
    /// The version an assembly was built as: the SDK stamps <c>0.1.0+&lt;commit&gt;</c> into its informational version,
    /// which OpenFaaS reports as two fields (<c>release</c> and <c>sha</c>), as faas-cli version prints them.
    /// </summary>
    public static VersionInfo Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new VersionInfo { Release = informational, CommitMessage = "" }
            : new VersionInfo { Release = informational[..plus], Sha = informational[(plus + 1)..], CommitMessage = "" };
    }
}
