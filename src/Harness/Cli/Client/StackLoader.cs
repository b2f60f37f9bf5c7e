using Harness.Cli.Stack;
using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>Reads the stack file a command was given, printing its warnings, or its errors and returning null.</summary>
internal static class StackLoader
{
    /// <param name="forBuild">The command builds the selected functions: a missing handler folder is then an error
    /// before anything is built, pushed or deployed, not a warning followed by a half-done <c>up</c>.</param>
    public static StackFile? Load(StackSettings settings, CliEnvironment environment, IAnsiConsole console, bool forBuild = false)
    {
        var path = settings.File ?? StackFileParser.ResolveDefaultPath(environment.CurrentDirectory);
        var result = new StackFileParser(environment.Variables).ParseFile(environment.ResolvePath(path));
        if (forBuild && result.Stack is { } parsed)
        {
            result = MissingHandlersAsErrors(result, Selected(parsed, settings));
        }

        StackConsole.WriteDiagnostics(console, result);
        if (result.Stack is not { } stack)
        {
            console.Write(new Text($"{path}: {result.Errors.Count()} error(s); nothing was done", new Style(Color.Red)));
            console.WriteLine();
            return null;
        }

        var filter = Filter(settings);
        if (filter.Description.Length > 0 && !stack.Functions.Any(f => filter.Matches(f.Name)))
        {
            ConsoleText.Error(console, $"no functions matching {filter.Description} were found in {path}");
            return null;
        }

        return stack;
    }

    public static IEnumerable<StackFunction> Selected(StackFile stack, StackSettings settings)
    {
        var filter = Filter(settings);
        return stack.Functions.Where(f => filter.Matches(f.Name));
    }

    private static StackParseResult MissingHandlersAsErrors(StackParseResult result, IEnumerable<StackFunction> selected)
    {
        var missing = selected
            .Where(f => StackBuild.IsBuildable(f) && !Directory.Exists(f.HandlerPath))
            .Select(f => $"functions.{f.Name}.handler")
            .ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return result;
        }

        var diagnostics = result.Diagnostics
            .Select(d => d.Severity == DiagnosticSeverity.Warning && missing.Contains(d.Field) ? d with { Severity = DiagnosticSeverity.Error } : d)
            .ToList();
        return result with { Stack = null, Diagnostics = diagnostics };
    }

    // The settings were validated before the command ran, so the filter compiles.
    private static FunctionFilter Filter(StackSettings settings) =>
        FunctionFilter.TryCreate(settings.Filter, settings.Regex, out var filter, out _) ? filter : throw new InvalidOperationException("unvalidated --regex");
}
