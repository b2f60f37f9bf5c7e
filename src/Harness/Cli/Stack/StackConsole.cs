using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Spectre.Console;

namespace Harness.Cli.Stack;

/// <summary>How stack files, their functions and their diagnostics are shown on the console.</summary>
internal static class StackConsole
{
    /// <summary>Prints warnings and errors as <c>file:line:col: field: message</c>, one a line.</summary>
    public static void WriteDiagnostics(IAnsiConsole console, StackParseResult result)
    {
        RedirectedOutput.Unwrap(console);
        foreach (var diagnostic in result.Diagnostics)
        {
            var (label, colour) = diagnostic.Severity == DiagnosticSeverity.Error ? ("error", "red") : ("warning", "yellow");
            ConsoleText.Line(console, label, colour, diagnostic.ToString());
        }
    }

    public static void WriteFunctions(IAnsiConsole console, StackFile stack)
    {
        var table = new Table().AddColumns("function", "lang", "image", "handler", "limits", "read-only root");
        foreach (var function in stack.Functions)
        {
            var deployment = function.Deployment;
            var limits = deployment.Limits is { } l
                ? string.Join(" ", new[] { l.Memory is null ? null : "memory " + l.Memory, l.Cpu is null ? null : "cpu " + l.Cpu }.OfType<string>())
                : "";
            table.AddVerbatimRow(
                function.Name,
                function.Lang ?? "",
                deployment.Image,
                function.Handler ?? "",
                limits,
                deployment.ReadOnlyRootFilesystem ? "yes" : "no");
        }

        console.Write(table);
        console.MarkupLineVerbatim($"{stack.Path}: {stack.Functions.Count} function(s), valid");
    }
}
