using System.Text.Json.Serialization;

namespace Harness.Platform.Templates;

/// <summary>
/// The manifest of a built function (<c>harness-artifact.json</c>): a provider starts <c>watchdog</c> in the folder
/// with <see cref="Environment"/> added to its environment (plus its own port, lock_path and bind_address).
/// </summary>
public sealed record FunctionArtifact
{
    /// <summary>The manifest's file name inside the built folder.</summary>
    public const string ManifestFileName = "harness-artifact.json";

    /// <summary>The function name from the stack.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The stack's image name, which <c>harness push</c> stores the artifact under.</summary>
    [JsonPropertyName("image")] public required string Image { get; init; }

    /// <summary>The template it was built from (<see cref="TemplateCatalog.Languages"/>).</summary>
    [JsonPropertyName("lang")] public required string Lang { get; init; }

    /// <summary>The watchdog mode: serializing, streaming or http.</summary>
    [JsonPropertyName("mode")] public required string Mode { get; init; }

    /// <summary>The command the watchdog runs (also in <see cref="Environment"/>).</summary>
    [JsonPropertyName("fprocess")] public required string Fprocess { get; init; }

    /// <summary>The watchdog's environment: the stack's environment plus fprocess, mode and the template's settings.</summary>
    [JsonPropertyName("environment")] public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>When it was built.</summary>
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The folder the artifact lives in (not serialized).</summary>
    [JsonIgnore] public string Directory { get; init; } = "";
}
