using Harness.Node.Access;

namespace Harness.Compliance.Collectors;

/// <summary>The node's files through the node probes' access (local or SSH), for the host-configuration collector.</summary>
internal sealed class NodeAccessFiles(INodeAccess access) : INodeFiles
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Describe => access.IsLocal ? "local:" : access.Description + ":";

    public Task<string?> ReadAsync(string path, CancellationToken cancellationToken) => access.ReadFileAsync(path, cancellationToken);

    public async Task<string?> ReadLinkAsync(string path, CancellationToken cancellationToken)
    {
        var result = await access.RunAsync($"readlink -- {Quote(path)}", Timeout, cancellationToken).ConfigureAwait(false);
        return result.Succeeded && result.StdOut.Trim().Length > 0 ? result.StdOut.Trim() : null;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string directory, string pattern, CancellationToken cancellationToken)
    {
        // The shell expands the glob; a pattern that matches nothing stays literal and is filtered out by the -f test.
        var dir = directory.TrimEnd('/');
        var result = await access.RunAsync($"for f in {Quote(dir)}/{pattern}; do [ -f \"$f\" ] && printf '%s\\n' \"$f\"; done; true", Timeout, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
