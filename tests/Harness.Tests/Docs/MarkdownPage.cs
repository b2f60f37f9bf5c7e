using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Tests.Docs;

/// <summary>
/// What the link check needs from one Markdown file: its links (with line numbers) and the anchors its headings make,
/// computed as GitHub computes them. Code spans and fenced code blocks are not prose, so links inside them do not count.
/// </summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(IReadOnlyList<(int Line, string Target)> links, IReadOnlySet<string> anchors)
    {
        Links = links;
        Anchors = anchors;
    }

    /// <summary>Every link target as written (inline <c>[text](target)</c> and reference definitions <c>[name]: target</c>).</summary>
    public IReadOnlyList<(int Line, string Target)> Links { get; }

    /// <summary>The fragment each heading answers to (<c>## Load models</c> → <c>load-models</c>; repeats get <c>-1</c>, <c>-2</c>).</summary>
    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownPage Parse(string text)
    {
        var links = new List<(int, string)>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? fence = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fenceMatch = Fence().Match(line);
            if (fenceMatch.Success && (fence is null || fenceMatch.Groups[1].Value.StartsWith(fence, StringComparison.Ordinal)))
            {
                fence = fence is null ? fenceMatch.Groups[1].Value : null;
                continue;
            }

            if (fence is not null)
            {
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups[1].Value);
                var n = seen.GetValueOrDefault(slug);
                seen[slug] = n + 1;
                anchors.Add(n == 0 ? slug : $"{slug}-{n}");
            }

            var prose = CodeSpan().Replace(line, "");
            foreach (Match link in InlineLink().Matches(prose))
            {
                links.Add((i + 1, link.Groups[1].Value));
            }

            if (ReferenceDefinition().Match(prose) is { Success: true } definition)
            {
                links.Add((i + 1, definition.Groups[1].Value));
            }
        }

        return new MarkdownPage(links, anchors);
    }

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped (letters, digits, <c>-</c> and <c>_</c> stay), spaces to hyphens.</summary>
    public static string Slug(string heading)
    {
        var text = InlineLinkText().Replace(heading.Trim(), "$1");
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(`+).*?\1")]
    private static partial Regex CodeSpan();

    // [text](target) or [text](target "title"); an image ![alt](src) is a link to its file too.
    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLinkText();
}
