using System.Text;

namespace Harness.Reports.Layout;

/// <summary>Greedy word wrapping of light markup (<c>**bold**</c>, newlines) with an optional superscript marker at the end.</summary>
internal static class TextWrapper
{
    private const float SuperscriptScale = 0.7f;

    public static IReadOnlyList<TextLine> Wrap(FontCache fonts, string markup, float width, float size, bool bold = false, string? marker = null)
    {
        var lines = new List<TextLine>();
        var spans = new List<TextSpan>();
        float x = 0;
        var pendingSpace = false;
        var space = fonts.Measure(" ", false, size);

        void Break()
        {
            lines.Add(new TextLine(spans.ToArray(), x));
            spans.Clear();
            x = 0;
            pendingSpace = false;
        }

        void Place(string word, bool isBold, bool super)
        {
            var s = super ? size * SuperscriptScale : size;
            var w = fonts.Measure(word, isBold, s);
            var lead = pendingSpace && spans.Count > 0 ? space : 0;
            if (spans.Count > 0 && x + lead + w > width)
            {
                Break();
                lead = 0;
            }

            // A word wider than the line (a URL, a hash) is cut where it overflows.
            while (w > width && word.Length > 1)
            {
                var fit = FitPrefix(fonts, word, isBold, s, width - x);
                spans.Add(new TextSpan(x, word[..fit], isBold, super));
                x += fonts.Measure(word[..fit], isBold, s);
                Break();
                word = word[fit..];
                w = fonts.Measure(word, isBold, s);
            }

            spans.Add(new TextSpan(x + lead, word, isBold, super));
            x += lead + w;
            pendingSpace = false;
        }

        foreach (var (text, isBold) in Segments(markup, bold))
        {
            var word = new StringBuilder();
            foreach (var c in text)
            {
                if (c is ' ' or '\n')
                {
                    if (word.Length > 0)
                    {
                        Place(word.ToString(), isBold, false);
                        word.Clear();
                    }

                    if (c == '\n')
                    {
                        Break();
                    }
                    else
                    {
                        pendingSpace = true;
                    }
                }
                else
                {
                    word.Append(c);
                }
            }

            if (word.Length > 0)
            {
                Place(word.ToString(), isBold, false);
            }
        }

        if (!string.IsNullOrEmpty(marker))
        {
            pendingSpace = false;
            Place(marker, false, true);
        }

        if (spans.Count > 0 || lines.Count == 0)
        {
            Break();
        }

        return lines;
    }

    public static float SuperscriptSize(float size) => size * SuperscriptScale;

    private static int FitPrefix(FontCache fonts, string word, bool bold, float size, float width)
    {
        var n = 1;
        while (n < word.Length && fonts.Measure(word[..(n + 1)], bold, size) <= width)
        {
            n++;
        }

        // Prefer to cut after a separator (dots in ids, slashes in URLs) when one is in the last third.
        for (var i = n; i > n * 2 / 3 && i > 1; i--)
        {
            if (word[i - 1] is '.' or '/' or '_' or '-' or '?' or '&')
            {
                return i;
            }
        }

        return n;
    }

    private static IEnumerable<(string Text, bool Bold)> Segments(string markup, bool bold)
    {
        var parts = markup.Split("**");
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 0)
            {
                yield return (parts[i], bold || i % 2 == 1);
            }
        }
    }
}
