using Spectre.Console;

namespace Harness.Cli.Stack;

/// <summary>Output that goes to a file or a pipe is read by editors, grep and CI logs: do not wrap it at 80 columns.</summary>
internal static class RedirectedOutput
{
    private const int UnwrappedWidth = 4096;

    public static void Unwrap(IAnsiConsole console)
    {
        if (!console.Profile.Out.IsTerminal && console.Profile.Width < UnwrappedWidth)
        {
            console.Profile.Width = UnwrappedWidth;
        }
    }
}
