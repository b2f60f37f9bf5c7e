namespace Harness.Compliance.Nginx;

/// <summary>
/// Reads an nginx configuration and expands <c>include</c> in place. Relative include paths are resolved
/// against the main file's directory, which is nginx's configuration prefix when it is started with -c.
/// </summary>
internal static class NginxConfigLoader
{
    private const int MaxDepth = 16;

    public sealed record Result(IReadOnlyList<NginxDirective> Directives, IReadOnlyList<string> FilesRead);

    public static Result Load(string path)
    {
        var full = Path.GetFullPath(path);
        var prefix = Path.GetDirectoryName(full)!;
        var files = new List<string>();
        var directives = LoadFile(full, prefix, files, depth: 0);
        return new Result(directives, files);
    }

    private static List<NginxDirective> LoadFile(string file, string prefix, List<string> files, int depth)
    {
        files.Add(file);
        var parsed = NginxParser.Parse(Harness.Platform.Files.UserFile.ReadAllText(file), file);
        return Expand(parsed, prefix, files, depth);
    }

    private static List<NginxDirective> Expand(IReadOnlyList<NginxDirective> directives, string prefix, List<string> files, int depth)
    {
        var result = new List<NginxDirective>();
        foreach (var directive in directives)
        {
            if (directive.Name == "include" && directive.Block is null)
            {
                if (directive.Args.Count != 1)
                {
                    throw new NginxSyntaxException(directive.File, directive.Line, directive.Column, "include takes exactly one path");
                }

                if (depth >= MaxDepth)
                {
                    throw new NginxSyntaxException(directive.File, directive.Line, directive.Column, $"includes nested deeper than {MaxDepth} (a cycle?)");
                }

                foreach (var included in Resolve(directive.Args[0], prefix, directive))
                {
                    result.AddRange(LoadFile(included, prefix, files, depth + 1));
                }

                continue;
            }

            result.Add(directive.Block is null
                ? directive
                : directive with { Block = Expand(directive.Block, prefix, files, depth) });
        }

        return result;
    }

    private static IEnumerable<string> Resolve(string pattern, string prefix, NginxDirective at)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(prefix, pattern);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var hasGlob = name.IndexOfAny(['*', '?', '[']) >= 0;
        if (!hasGlob)
        {
            if (!File.Exists(full))
            {
                throw new NginxSyntaxException(at.File, at.Line, at.Column, $"included file \"{full}\" does not exist");
            }

            return [full];
        }

        // nginx includes nothing (and is fine) when a glob matches no file; matches are taken in sorted order.
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
