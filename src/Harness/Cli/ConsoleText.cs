using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli;

/// <summary>
/// Prints user text (file names, values, messages that quote them) exactly as given. Markup would turn <c>:skull:</c>
/// into an emoji, and <see cref="Markup.Escape"/> only escapes brackets (spectreconsole/spectre.console#408), so the
/// text is rendered as <see cref="Text"/>, which Spectre never rewrites; only the code's own markup is read
/// (<see cref="VerbatimMarkup"/>). Every command prints names, paths and messages through here.
/// </summary>
internal static class ConsoleText
{
    /// <summary>Writes <c>[colour]label[/] text</c> on one line, the text verbatim.</summary>
    public static void Line(IAnsiConsole console, string label, string colour, string text) =>
        console.MarkupLineVerbatim($"[{colour}]{label}[/] {text}");

    public static void Error(IAnsiConsole console, string text) => Line(console, "error", "red", text);

    public static void Warning(IAnsiConsole console, string text) => Line(console, "warning", "yellow", text);

    /// <summary>A table cell or other renderable holding user text verbatim.</summary>
    public static IRenderable Verbatim(string text, Style? style = null) => new Text(text, style);

    /// <summary>A table row of plain cells, each printed verbatim.</summary>
    public static Table AddVerbatimRow(this Table table, params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        return table.AddRow(cells.Select(c => new Text(c)).ToArray<IRenderable>());
    }

    /// <summary>A table cell or title: the literal parts are markup, the holes verbatim.</summary>
    public static IRenderable Markup(VerbatimMarkup markup) => markup.ToParagraph();

    /// <summary>Like Spectre's <c>MarkupLineInterpolated</c>, but the holes are printed verbatim (no emoji, no markup).</summary>
    public static void MarkupLineVerbatim(this IAnsiConsole console, VerbatimMarkup markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(markup.ToParagraph());
        console.WriteLine();
    }

    /// <summary>Like Spectre's <c>MarkupInterpolated</c>, but the holes are printed verbatim.</summary>
    public static void MarkupVerbatim(this IAnsiConsole console, VerbatimMarkup markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(markup.ToParagraph());
    }
}
