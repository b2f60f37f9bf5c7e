namespace Harness.Bench;

/// <summary>
/// Rewrites the generated block of a Markdown file: everything between <c>&lt;!-- bench:start --&gt;</c> and
/// <c>&lt;!-- bench:end --&gt;</c> is replaced, every byte outside stays as it was, and replacing twice changes nothing.
/// </summary>
internal static class ReadmeBlock
{
    public const string Start = "<!-- bench:start -->";
    public const string End = "<!-- bench:end -->";

    /// <summary>The text with the block replaced by <paramref name="content"/>, or an error naming what is wrong with the markers.</summary>
    public static (string? Text, string? Error) Replace(string text, string content)
    {
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            return (null, $"no {(start < 0 ? Start : End)} marker (the block goes between {Start} and {End}, each on its own line)");
        }

        if (text.IndexOf(Start, start + Start.Length, StringComparison.Ordinal) >= 0 || text.IndexOf(End, end + End.Length, StringComparison.Ordinal) >= 0)
        {
            return (null, $"more than one {Start} … {End} block");
        }

        if (end < start)
        {
            return (null, $"{End} comes before {Start}");
        }

        var body = content.ReplaceLineEndings("\n").Trim('\n');
        var from = start + Start.Length;
        return (text[..from] + "\n" + body + "\n" + text[end..], null);
    }
}
