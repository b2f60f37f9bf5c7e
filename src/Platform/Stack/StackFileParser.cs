using Harness.Platform.Contracts;
using Harness.Platform.Hosting;

namespace Harness.Platform.Stack;

/// <summary>
/// Reads faas-cli stack files (<c>stack.yml</c>) into <see cref="StackFunction"/>s, collecting every error and
/// warning with its file, line, column and field.
/// </summary>
public sealed class StackFileParser
{
    /// <summary>The only <c>version</c> faas-cli accepts.</summary>
    internal const string SupportedVersion = "1.0";

    /// <summary>The only <c>provider.name</c> faas-cli accepts.</summary>
    internal const string ProviderName = "openfaas";

    /// <summary>faas-cli's default stack file names, in the order it looks for them.</summary>
    internal static IReadOnlyList<string> DefaultFileNames { get; } = ["stack.yaml", "stack.yml"];

    private static readonly string[] TopLevelKeys = ["version", "provider", "functions", "configuration"];
    private static readonly string[] ProviderKeys = ["name", "gateway", "network"];

    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="environment">The variables for <c>${VAR}</c> substitution (tests inject their own).</param>
    public StackFileParser(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
    }

    /// <summary>A parser that substitutes from this process's environment.</summary>
    public static StackFileParser FromProcessEnvironment()
    {
        return new StackFileParser(ProcessEnvironment.Snapshot());
    }

    /// <summary>The stack file to use when none is named: <c>stack.yaml</c>, then <c>stack.yml</c>, in <paramref name="directory"/>.</summary>
    public static string ResolveDefaultPath(string directory)
    {
        foreach (var name in DefaultFileNames)
        {
            var candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return name;
            }
        }

        return DefaultFileNames[^1];
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public StackParseResult ParseFile(string path)
    {
        string text;
        try
        {
            text = Files.UserFile.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new StackParseResult
            {
                Diagnostics = [Diagnostic.ForFile(path, "", $"cannot read the stack file: {ex.Message}")],
            };
        }

        return Parse(text, path);
    }

    /// <summary>Parses <paramref name="text"/> as if read from <paramref name="path"/> (which locates handlers and environment files).</summary>
    public StackParseResult Parse(string text, string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var context = new StackReadContext(path, directory, new EnvSubstitution(_environment));
        var root = YamlReader.Read(text, path, context.Diagnostics);
        var stack = root is null && !context.HasErrors
            ? Fail(context, new SourcePosition(1, 1), "", "the stack file is empty; expected provider and functions")
            : root is null ? null : ReadRoot(context, root, path);
        return new StackParseResult
        {
            Stack = context.HasErrors ? null : stack,
            Diagnostics = context.Diagnostics
                .OrderBy(d => d.File == path ? 0 : 1)
                .ThenBy(d => d.Line)
                .ThenBy(d => d.Column)
                .ToList(),
        };
    }

    private static StackFile? Fail(StackReadContext context, SourcePosition position, string field, string message)
    {
        context.Error(position, field, message);
        return null;
    }

    private static StackFile? ReadRoot(StackReadContext context, YamlNode root, string path)
    {
        if (context.ExpectMapping(root, "") is not { } mapping)
        {
            return null;
        }

        context.WarnUnknownKeys(mapping, "", TopLevelKeys);

        string? version = null;
        if (mapping["version"] is { } versionNode)
        {
            version = context.ReadString(versionNode, "version");
            if (version is not null && version != SupportedVersion)
            {
                context.Error(versionNode, "version", $"expected {SupportedVersion} (the only stack file version), found '{version}'");
            }
        }

        var provider = ReadProvider(context, mapping);
        var functions = ReadFunctions(context, mapping);
        return provider is null || functions is null
            ? null
            : new StackFile
            {
                Path = path,
                Directory = context.Directory,
                Version = version,
                Provider = provider,
                Functions = functions,
            };
    }

    private static StackProvider? ReadProvider(StackReadContext context, YamlMapping root)
    {
        if (root["provider"] is not { } node)
        {
            context.Error(root.Position, "provider", $"missing; expected 'provider: {{name: {ProviderName}}}'");
            return null;
        }

        if (context.ExpectMapping(node, "provider") is not { } mapping)
        {
            return null;
        }

        context.WarnUnknownKeys(mapping, "provider", ProviderKeys);
        var name = mapping["name"] is { } nameNode ? context.ReadString(nameNode, "provider.name") : null;
        if (name != ProviderName)
        {
            var position = mapping["name"]?.Position ?? mapping.Position;
            context.Error(position, "provider.name", name is null
                ? $"missing; expected '{ProviderName}'"
                : $"expected '{ProviderName}' (the only valid provider name), found '{name}'");
        }

        string? gateway = null;
        if (mapping["gateway"] is { } gatewayNode)
        {
            gateway = context.ReadString(gatewayNode, "provider.gateway");
            if (!string.IsNullOrEmpty(gateway) && !IsHttpUrl(gateway))
            {
                context.Error(gatewayNode, "provider.gateway", $"expected an absolute http:// or https:// URL, found '{gateway}'");
            }
        }

        return new StackProvider(ProviderName, string.IsNullOrEmpty(gateway) ? null : gateway.TrimEnd('/'));
    }

    private static List<StackFunction>? ReadFunctions(StackReadContext context, YamlMapping root)
    {
        if (root["functions"] is not { } node)
        {
            context.Error(root.Position, "functions", "missing; expected a mapping of function names to functions");
            return null;
        }

        if (node is YamlScalar { IsNull: true } || node is YamlMapping { Entries.Count: 0 })
        {
            context.Error(node, "functions", "expected at least one function");
            return null;
        }

        if (context.ExpectMapping(node, "functions") is not { } mapping)
        {
            return null;
        }

        var functions = new List<StackFunction>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (new StackFunctionReader(context, key, value).Read() is { } function)
            {
                functions.Add(function);
            }
        }

        return functions;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
