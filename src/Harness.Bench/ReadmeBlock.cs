using System.Text.RegularExpressions;

namespace Harness.Bench;

/// <summary>
/// Rewrites the generated block of a Markdown file: everything between a line <c>&lt;!-- bench:start --&gt;</c> and a line
/// <c>&lt;!-- bench:end --&gt;</c> is replaced, every byte outside stays as it was, and replacing twice changes nothing.
/// </summary>
/// <remarks>A marker counts only on a line of its own, so prose that names the markers (in backticks) is left alone.</remarks>
internal static partial class ReadmeBlock
{
    public const string Start = "<!-- bench:start -->";
    public const string End = "<!-- bench:end -->";

    /// <summary>The text with the block replaced by <paramref name="content"/>, or an error naming what is wrong with the markers.</summary>
    public static (string? Text, string? Error) Replace(string text, string content)
    {
        var starts = StartLine().Matches(text);
        var ends = EndLine().Matches(text);
        if (starts.Count == 0 || ends.Count == 0)
        {
            return (null, $"no {(starts.Count == 0 ? Start : End)} line (the block goes between a line {Start} and a line {End})");
        }

        if (starts.Count > 1 || ends.Count > 1)
        {
            return (null, $"more than one {Start} … {End} block");
        }

        var from = starts[0].Index + starts[0].Length;
        var to = ends[0].Index;
        if (to < from)
        {
            return (null, $"{End} comes before {Start}");
        }

        var body = content.ReplaceLineEndings("\n").Trim('\n');
        return (text[..from] + "\n" + body + "\n" + text[to..], null);
    }

    [GeneratedRegex(@"^[ \t]*<!-- bench:start -->[ \t]*(?=\r?$)", RegexOptions.Multiline)]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^[ \t]*<!-- bench:end -->(?=[ \t]*\r?$)", RegexOptions.Multiline)]
    private static partial Regex EndLine();
}
