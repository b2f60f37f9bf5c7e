using System.Reflection;

namespace Harness.Platform.Templates;

/// <summary>
/// The function templates Harness knows (stack <c>lang</c>): the official Python templates (python3, python3-http,
/// python3-flask and their -debian variants, same contracts) and dockerfile.
/// </summary>
public static class TemplateCatalog
{
    /// <summary>Classic <c>handle(req)</c>; fork mode by default.</summary>
    public const string Python3 = "python3";

    /// <summary><c>handle(event, context)</c>; http mode by default.</summary>
    public const string Python3Http = "python3-http";

    /// <summary>python3 on a Debian base upstream; the same contract here.</summary>
    public const string Python3Debian = "python3-debian";

    /// <summary>python3-http on a Debian base upstream; the same contract here.</summary>
    public const string Python3HttpDebian = "python3-http-debian";

    /// <summary><c>handle(req)</c> with the body as text (bytes with RAW_BODY=true), a Flask view return value; http mode by default.</summary>
    public const string Python3Flask = "python3-flask";

    /// <summary>python3-flask on a Debian base upstream; the same contract here.</summary>
    public const string Python3FlaskDebian = "python3-flask-debian";

    /// <summary>No template: the stack's <c>fprocess</c> runs as is in the handler folder.</summary>
    public const string Dockerfile = "dockerfile";

    private const string ClassicFprocess = "python3 index.py";
    private const string HttpFprocess = "python index.py";

    private static readonly Dictionary<string, TemplateDefinition> Definitions = new(StringComparer.Ordinal)
    {
        [Python3] = new(Python3, WatchdogModes.Serializing, ["common", "python3"], "index.py", "server.py", ClassicFprocess),
        [Python3Debian] = new(Python3Debian, WatchdogModes.Serializing, ["common", "python3"], "index.py", "server.py", ClassicFprocess),
        [Python3Http] = new(Python3Http, WatchdogModes.Http, ["common", "python3-http"], "index.py", "server.py", HttpFprocess),
        [Python3HttpDebian] = new(Python3HttpDebian, WatchdogModes.Http, ["common", "python3-http"], "index.py", "server.py", HttpFprocess),
        [Python3Flask] = new(Python3Flask, WatchdogModes.Http, ["common", "python3-flask"], "index.py", "server.py", HttpFprocess),
        [Python3FlaskDebian] = new(Python3FlaskDebian, WatchdogModes.Http, ["common", "python3-flask"], "index.py", "server.py", HttpFprocess),
        [Dockerfile] = new(Dockerfile, WatchdogModes.Serializing, [], null, null),
    };

    /// <summary>Every known <c>lang</c>, for validation messages.</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [Python3, Python3Debian, Python3Http, Python3HttpDebian, Python3Flask, Python3FlaskDebian, Dockerfile];

    /// <summary>True when <paramref name="lang"/> is a Python template.</summary>
    internal static bool IsPython(string? lang) => lang is not null && Definitions.TryGetValue(lang, out var d) && d.IsPython;

    /// <summary>True for python3 and python3-debian, the classic <c>handle(req)</c> templates.</summary>
    internal static bool IsClassicPython(string? lang) => lang is not null && Definitions.TryGetValue(lang, out var d) && d.IsClassic;

    /// <summary>
    /// The <c>fprocess</c> of the official OpenFaaS template for <paramref name="lang"/> (its template.yml), which
    /// <c>faas-cli deploy</c> sends as envProcess when the template folder is present; null when there is none.
    /// </summary>
    internal static string? OfficialFprocess(string? lang) => lang is not null && Definitions.TryGetValue(lang, out var d) ? d.OfficialFprocess : null;

    /// <summary>
    /// Why a lang Harness does not run is refused, for the Python 2 templates OpenFaaS retired (null for other names).
    /// </summary>
    internal static string? RetiredReason(string? lang) => lang switch
    {
        "python" or "python27" or "python27-flask" or "python2" =>
            $"lang '{lang}' is the Python 2 template, which OpenFaaS retired and Harness does not run; use python3 (handle(req)), python3-http (handle(event, context)) or python3-flask",
        _ => null,
    };

    /// <summary>True when <paramref name="lang"/> names a template.</summary>
    internal static bool IsKnown(string? lang) => lang is not null && Definitions.ContainsKey(lang);

    /// <summary>The mode a template runs in unless the stack says otherwise; null for an unknown lang.</summary>
    internal static string? DefaultMode(string lang) => Definitions.TryGetValue(lang, out var d) ? d.DefaultMode : null;

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
                yield return (name[prefix.Length..], ReadResource(name));
            }
        }
    }

    /// <summary>One resource shipped inside the platform assembly (templates/…, prefork/…), as bytes.</summary>
    internal static byte[] ReadResource(string name)
    {
        using var stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("missing resource " + name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
