namespace Harness.Node.Proc;

/// <summary>One <c>/proc/mounts</c> line.</summary>
internal sealed record MountEntry(string Device, string MountPoint, string FileSystem, string Options);

/// <summary>Finds the filesystem a path lives on: the longest mount point that is a prefix of it.</summary>
internal static class MountTable
{
    public static IReadOnlyList<MountEntry> Parse(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(f => f.Length >= 4)
            .Select(f => new MountEntry(Unescape(f[0]), Unescape(f[1]), f[2], f[3]))
            .ToList();

    public static MountEntry? FindFor(IReadOnlyList<MountEntry> mounts, string path)
    {
        MountEntry? best = null;
        foreach (var m in mounts)
        {
            var prefix = m.MountPoint.EndsWith('/') ? m.MountPoint : m.MountPoint + "/";
            if ((path == m.MountPoint || path.StartsWith(prefix, StringComparison.Ordinal) || m.MountPoint == "/")
                && (best is null || m.MountPoint.Length >= best.MountPoint.Length))
            {
                best = m;
            }
        }

        return best;
    }

    // /proc/mounts escapes space, tab, newline and backslash as octal.
    private static string Unescape(string value)
        => value.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
