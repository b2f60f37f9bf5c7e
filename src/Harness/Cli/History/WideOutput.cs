using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli.History;

/// <summary>Writes a table without squeezing it into 80 columns when output is redirected (CI logs).</summary>
internal static class WideOutput
{
    public static void Write(IAnsiConsole console, IRenderable renderable)
    {
        var width = console.Profile.Width;
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = Math.Max(width, 200);
        }

        try
        {
            console.Write(renderable);
        }
        finally
        {
            console.Profile.Width = width;
        }
    }
}
