using System.Reflection;

namespace Harness.Platform.Templates;

/// <summary>The function templates Harness knows (stack <c>lang</c>): python3, python3-http and dockerfile.</summary>
public static class TemplateCatalog
{
    /// <summary>Classic <c>handle(req)</c>; fork mode by default.</summary>
    public const string Python3 = "python3";

    /// <summary><c>handle(event, context)</c>; http mode by default.</summary>
    public const string Python3Http = "python3-http";

    /// <summary>No template: the stack's <c>fprocess</c> runs as is in the handler folder.</summary>
    public const string Dockerfile = "dockerfile";

    private static readonly Dictionary<string, TemplateDefinition> Definitions = new(StringComparer.Ordinal)
    {
        [Python3] = new(Python3, WatchdogModes.Serializing, ["common", "python3"], "index.py", "server.py"),
        [Python3Http] = new(Python3Http, WatchdogModes.Http, ["common", "python3-http"], "index.py", "server.py"),
        [Dockerfile] = new(Dockerfile, WatchdogModes.Serializing, [], null, null),
    };

    /// <summary>Every known <c>lang</c>, for validation messages.</summary>
    public static IReadOnlyList<string> Languages { get; } = [Python3, Python3Http, Dockerfile];

    /// <summary>True when <paramref name="lang"/> names a template.</summary>
    public static bool IsKnown(string? lang) => lang is not null && Definitions.ContainsKey(lang);

    /// <summary>The mode a template runs in unless the stack says otherwise; null for an unknown lang.</summary>
    public static string? DefaultMode(string lang) => Definitions.TryGetValue(lang, out var d) ? d.DefaultMode : null;

    internal static TemplateDefinition? Get(string lang) => Definitions.GetValueOrDefault(lang);

    /// <summary>The template's files as (relative path, content) pairs, read from the embedded resources.</summary>
    internal static IEnumerable<(string RelativePath, byte[] Content)> Files(TemplateDefinition template)
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        foreach (var folder in template.ResourceFolders)
        {
            var prefix = "templates/" + folder + "/";
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                yield return (name[prefix.Length..], Read(assembly, name));
            }
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("missing template resource " + name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
