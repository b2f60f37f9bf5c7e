using System.Globalization;
using Spectre.Console;

namespace Harness.Cli;

/// <summary>
/// Spectre.Console wraps at 80 columns when output is not a terminal, which splits <c>file:line:col: field: message</c>
/// errors and table rows across lines in CI logs and pipes. Redirected output gets <c>COLUMNS</c>, or a width wide
/// enough that nothing a command prints is wrapped; a terminal keeps its own width.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Width used for redirected output when <c>COLUMNS</c> is not set.</summary>
    public const int Redirected = 400;

    public static void ApplyTo(IAnsiConsole console, CliEnvironment environment)
    {
        if (!environment.OutputRedirected)
        {
            return;
        }

        console.Profile.Width = For(environment.Variables.GetValueOrDefault("COLUMNS"));
    }

    /// <summary>The width for redirected output given the value of <c>COLUMNS</c>.</summary>
    public static int For(string? columns) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 40 ? n : Redirected;
}
