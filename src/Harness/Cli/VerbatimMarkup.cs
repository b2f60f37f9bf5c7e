using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Spectre.Console;

namespace Harness.Cli;

/// <summary>
/// An interpolated string whose literal parts are Spectre markup (<c>[red]error[/]</c>, <c>[[</c> for a bracket) and
/// whose holes are printed verbatim: a function name <c>:rocket: [red]x[/]</c> stays exactly that. Spectre has no
/// setting to turn emoji codes off and <see cref="Markup.Escape"/> leaves them (spectreconsole/spectre.console#408),
/// so the markup is read here and the result is a <see cref="Paragraph"/> of plain text runs, which Spectre never
/// rewrites. A hole inside a tag (<c>[{colour}]</c>) is part of the tag. Values are formatted with the invariant culture.
/// </summary>
[InterpolatedStringHandler]
internal readonly struct VerbatimMarkup
{
    // Each char of the whole string, and whether it came from a hole (never markup).
    private readonly StringBuilder _text;
    private readonly List<bool> _verbatim;

    /// <summary>Called by the compiler for <c>$"..."</c>.</summary>
    public VerbatimMarkup(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + (formattedCount * 16));
        _verbatim = new List<bool>(_text.Capacity);
    }

    /// <summary>Markup written in the code.</summary>
    public void AppendLiteral(string value) => Append(value, verbatim: false);

    /// <summary>A value, printed as it is.</summary>
    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    /// <summary>A value with a format string (<c>{x:0.0}</c>).</summary>
    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    /// <summary>A value padded to <paramref name="alignment"/> (<c>{x,8}</c>).</summary>
    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    /// <summary>A value with alignment and format (<c>{x,8:0.0}</c>).</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        var text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "";
        if (alignment > 0)
        {
            text = text.PadLeft(alignment);
        }
        else if (alignment < 0)
        {
            text = text.PadRight(-alignment);
        }

        Append(text, verbatim: true);
    }

    /// <summary>The text runs with their styles; throws on unbalanced markup in the literal parts, as Spectre does.</summary>
    public Paragraph ToParagraph()
    {
        var paragraph = new Paragraph();
        var styles = new Stack<Style>();
        var style = Style.Plain;
        var run = new StringBuilder();
        var i = 0;
        while (i < _text.Length)
        {
            var c = _text[i];
            var literal = !_verbatim[i];
            if (literal && c == '[' && IsLiteral(i + 1, '['))
            {
                run.Append('[');
                i += 2;
            }
            else if (literal && c == ']' && IsLiteral(i + 1, ']'))
            {
                run.Append(']');
                i += 2;
            }
            else if (literal && c == '[')
            {
                var end = i + 1;
                while (end < _text.Length && !(_text[end] == ']' && !_verbatim[end]))
                {
                    end++;
                }

                if (end == _text.Length)
                {
                    throw new InvalidOperationException($"unclosed markup tag at position {i}");
                }

                Flush(paragraph, run, style);
                var tag = _text.ToString(i + 1, end - i - 1);
                if (tag == "/")
                {
                    if (styles.Count == 0)
                    {
                        throw new InvalidOperationException($"closing tag with none open at position {i}");
                    }

                    style = styles.Pop();
                }
                else
                {
                    styles.Push(style);
                    style = style.Combine(Style.Parse(tag));
                }

                i = end + 1;
            }
            else
            {
                run.Append(c);
                i++;
            }
        }

        if (styles.Count > 0)
        {
            throw new InvalidOperationException("unbalanced markup: a tag is not closed");
        }

        Flush(paragraph, run, style);
        return paragraph;
    }

    private bool IsLiteral(int index, char c) => index < _text.Length && _text[index] == c && !_verbatim[index];

    private void Append(string value, bool verbatim)
    {
        _text.Append(value);
        for (var k = 0; k < value.Length; k++)
        {
            _verbatim.Add(verbatim);
        }
    }

    private static void Flush(Paragraph paragraph, StringBuilder run, Style style)
    {
        if (run.Length == 0)
        {
            return;
        }

        paragraph.Append(run.ToString(), style);
        run.Clear();
    }
}
