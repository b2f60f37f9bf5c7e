using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli;

/// <summary>
/// Prints user text (file names, values, messages that quote them) exactly as given. Markup would turn <c>:skull:</c>
/// into an emoji, and <see cref="Markup.Escape"/> only escapes brackets (spectreconsole/spectre.console#408), so the
/// text is rendered as <see cref="Text"/>, which Spectre never rewrites; only the label is markup.
/// </summary>
internal static class ConsoleText
{
    /// <summary>Writes <c>[colour]label[/] text</c> on one line, the text verbatim.</summary>
    public static void Line(IAnsiConsole console, string label, string colour, string text)
    {
        console.Write(new Markup($"[{colour}]{Markup.Escape(label)}[/] "));
        console.Write(new Text(text));
        console.WriteLine();
    }

    public static void Error(IAnsiConsole console, string text) => Line(console, "error", "red", text);

    public static void Warning(IAnsiConsole console, string text) => Line(console, "warning", "yellow", text);

    /// <summary>A table cell or other renderable holding user text verbatim.</summary>
    public static IRenderable Verbatim(string text, Style? style = null) => new Text(text, style);
}
