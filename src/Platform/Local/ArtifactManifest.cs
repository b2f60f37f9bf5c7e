using System.Text.Json;

namespace Harness.Platform.Local;

/// <summary>
/// What a built artifact says about how to run it (<c>harness-artifact.json</c> at its root, written by the template
/// builder): the function process and the watchdog settings such as <c>mode</c> and <c>upstream_url</c>.
/// </summary>
internal sealed record ArtifactManifest(string? Fprocess, IReadOnlyDictionary<string, string> Environment, string? Lang = null)
{
    public const string FileName = "harness-artifact.json";

    public static ArtifactManifest Empty { get; } = new(null, new Dictionary<string, string>());

    /// <summary>Reads the manifest in <paramref name="directory"/>; an artifact without one is run by its envProcess alone.</summary>
    public static ArtifactManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        string? fprocess = null;
        string? lang = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "fprocess" when p.Value.ValueKind == JsonValueKind.String:
                    fprocess = p.Value.GetString();
                    break;
                case "lang" when p.Value.ValueKind == JsonValueKind.String:
                    lang = p.Value.GetString();
                    break;
                case "environment" or "env" or "watchdog" when p.Value.ValueKind == JsonValueKind.Object:
                    foreach (var e in p.Value.EnumerateObject())
                    {
                        env[e.Name] = e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : e.Value.GetRawText();
                    }

                    break;
                case "mode" or "upstream_url" when p.Value.ValueKind == JsonValueKind.String:
                    env[p.Name] = p.Value.GetString()!;
                    break;
            }
        }

        return new ArtifactManifest(fprocess, env, lang);
    }
}
