namespace Harness.Compliance.Collectors;

/// <summary>The node's files under a root directory: "/" for the machine the harness runs on, a fixture folder in tests.</summary>
internal sealed class LocalNodeFiles : INodeFiles
{
    private readonly string _root;

    public LocalNodeFiles(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public string Describe => $"local:{_root}";

    public async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Map(path);
        return File.Exists(full) ? await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<string?> ReadLinkAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(Map(path));
        return Task.FromResult(info.LinkTarget);
    }

    public Task<IReadOnlyList<string>> ListAsync(string directory, string pattern, CancellationToken cancellationToken)
    {
        var full = Map(directory);
        IReadOnlyList<string> files = Directory.Exists(full)
            ? Directory.GetFiles(full, pattern).Order(StringComparer.Ordinal).Select(f => directory.TrimEnd('/') + "/" + Path.GetFileName(f)).ToList()
            : [];
        return Task.FromResult(files);
    }

    private string Map(string path) => Path.Combine(_root, path.TrimStart('/'));
}
