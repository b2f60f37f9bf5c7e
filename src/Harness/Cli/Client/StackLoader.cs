using Harness.Cli.Stack;
using Harness.Platform.Stack;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>Reads the stack file a command was given, printing its warnings, or its errors and returning null.</summary>
internal static class StackLoader
{
    public static StackFile? Load(StackSettings settings, CliEnvironment environment, IAnsiConsole console)
    {
        var path = settings.File ?? StackFileParser.ResolveDefaultPath(environment.CurrentDirectory);
        var result = new StackFileParser(environment.Variables).ParseFile(environment.ResolvePath(path));
        StackConsole.WriteDiagnostics(console, result);
        if (result.Stack is not { } stack)
        {
            console.MarkupLineInterpolated($"[red]{path}: {result.Errors.Count()} error(s); nothing was done[/]");
            return null;
        }

        if (settings.Filter is { } filter && stack.Functions.All(f => f.Name != filter))
        {
            console.MarkupLineInterpolated($"[red]error[/] no function named '{filter}' in {path}");
            return null;
        }

        return stack;
    }

    public static IEnumerable<StackFunction> Selected(StackFile stack, StackSettings settings) =>
        stack.Functions.Where(f => settings.Filter is null || f.Name == settings.Filter);
}
