using System.Text;

namespace Harness.Node.Access;

/// <summary>Reads many small files in one round trip: one shell command over SSH instead of one channel per file.</summary>
internal static class NodeFiles
{
    public static async Task<IReadOnlyDictionary<string, string?>> ReadManyAsync(INodeAccess node, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node.IsLocal)
        {
            foreach (var path in paths)
            {
                result[path] = await node.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        var marker = $"--harness-{Guid.NewGuid():N}--";
        var script = new StringBuilder();
        foreach (var path in paths)
        {
            var quoted = NodeLimits.ShellQuote(path);
            script.Append($"echo '{marker}'; if [ -r {quoted} ]; then echo OK; head -c 65536 -- {quoted}; else echo MISSING; fi; ");
        }

        var output = await node.RunAsync(script.ToString(), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        var parts = output.StdOut.Split(marker + "\n");
        for (var i = 0; i < paths.Count; i++)
        {
            var part = i + 1 < parts.Length ? parts[i + 1] : "MISSING\n";
            result[paths[i]] = part.StartsWith("OK\n", StringComparison.Ordinal) ? part[3..] : null;
        }

        return result;
    }
}
