namespace Harness.Tests.Docs;

/// <summary>
/// The repository's user documentation: <c>README.md</c> and every <c>docs/**/*.md</c>. Checks that each relative link
/// names a file or folder that exists, that each <c>#anchor</c> names a heading of its page, and that every page under
/// <c>docs/</c> can be reached from <c>docs/README.md</c> by following links.
/// </summary>
internal sealed class DocSite
{
    private readonly string _root;
    private readonly Dictionary<string, MarkdownPage> _pages;

    private DocSite(string root, Dictionary<string, MarkdownPage> pages)
    {
        _root = root;
        _pages = pages;
    }

    public const string Index = "docs/README.md";

    /// <summary>Relative paths (with <c>/</c>) of the pages checked.</summary>
    public IReadOnlyCollection<string> Pages => _pages.Keys;

    public static DocSite Load(string root)
    {
        var files = new List<string>();
        if (File.Exists(Path.Combine(root, "README.md")))
        {
            files.Add(Path.Combine(root, "README.md"));
        }

        if (Directory.Exists(Path.Combine(root, "docs")))
        {
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        }

        return new DocSite(root, files.ToDictionary(f => Relative(root, f), f => MarkdownPage.Parse(File.ReadAllText(f)), StringComparer.Ordinal));
    }

    /// <summary>Every broken link as <c>page:line: target: why</c>.</summary>
    public IReadOnlyList<string> BrokenLinks()
    {
        var problems = new List<string>();
        foreach (var (page, markdown) in _pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (line, target) in markdown.Links)
            {
                if (Problem(page, target) is { } problem)
                {
                    problems.Add($"{page}:{line}: {target}: {problem}");
                }
            }
        }

        return problems;
    }

    /// <summary>Pages under <c>docs/</c> that no chain of links from <see cref="Index"/> reaches.</summary>
    public IReadOnlyList<string> Unreachable()
    {
        if (!_pages.ContainsKey(Index))
        {
            return [$"{Index} does not exist"];
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { Index };
        var queue = new Queue<string>([Index]);
        while (queue.TryDequeue(out var page))
        {
            foreach (var (_, target) in _pages[page].Links)
            {
                if (Resolve(page, target) is { } linked && _pages.ContainsKey(linked.Path) && reached.Add(linked.Path))
                {
                    queue.Enqueue(linked.Path);
                }
            }
        }

        return _pages.Keys.Where(p => p.StartsWith("docs/", StringComparison.Ordinal) && !reached.Contains(p)).Order(StringComparer.Ordinal).ToList();
    }

    private string? Problem(string page, string target)
    {
        if (Resolve(page, target) is not { } linked)
        {
            return null;
        }

        var full = Path.Combine(_root, linked.Path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return "no such file";
        }

        if (linked.Anchor is not { Length: > 0 } anchor)
        {
            return null;
        }

        if (!_pages.TryGetValue(linked.Path, out var markdown))
        {
            return "an #anchor on a file that is not a checked Markdown page";
        }

        return markdown.Anchors.Contains(Uri.UnescapeDataString(anchor)) ? null : $"no heading #{anchor} in {linked.Path}";
    }

    /// <summary>The repository-relative file a link points to and its fragment, or null for a link that leaves the repository (a URL).</summary>
    private static (string Path, string? Anchor)? Resolve(string page, string target)
    {
        if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        if (file.Length == 0)
        {
            return (page, anchor);
        }

        var directory = Path.GetDirectoryName(page) ?? "";
        var combined = Path.GetFullPath(Path.Combine("/", directory, Uri.UnescapeDataString(file))).TrimStart('/').TrimEnd('/');
        return (combined, anchor);
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
