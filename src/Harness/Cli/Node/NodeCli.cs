using Harness.Node.Access;
using Harness.Results;
using Harness.Targets;
using Spectre.Console;

namespace Harness.Cli.Node;

/// <summary>Shared plumbing of the node commands: target loading with clear errors, console output and exit codes.</summary>
internal static class NodeCli
{
    /// <summary>Loads the target file; prints every error and returns null when it is unusable.</summary>
    public static NodeTarget? LoadTarget(string? path, IAnsiConsole console)
    {
        if (path is null)
        {
            return NodeTarget.Local;
        }

        try
        {
            return TargetFileParser.LoadNode(path);
        }
        catch (TargetFileException ex)
        {
            foreach (var error in ex.Diagnostics)
            {
                ConsoleText.Line(console, "error:", "red", error.ToString());
            }

            return null;
        }
    }

    public static int ExitCode(ScenarioResult result) => result.Status switch
    {
        ScenarioStatus.Passed or ScenarioStatus.Skipped => 0,
        ScenarioStatus.Failed => 1,
        ScenarioStatus.Interrupted => 130,
        _ => ExitCodes.UsageError,
    };

    public static void Print(ScenarioResult result, IAnsiConsole console)
    {
        var colour = result.Status switch { ScenarioStatus.Passed => "green", ScenarioStatus.Failed => "red", _ => "yellow" };
        console.MarkupLineVerbatim($"[bold]{result.Name}[/] ({result.Kind}): [{colour}]{result.Status.ToString().ToUpperInvariant()}[/]");
        if (result.Error is not null)
        {
            ConsoleText.Line(console, "error:", "red", result.Error);
        }

        foreach (var table in result.Tables)
        {
            // Cells can carry what the node printed: plain text, never markup; the title is a line of its own for the same reason.
            console.MarkupLineVerbatim($"[bold]{table.Title}[/]");
            var t = new Table();
            foreach (var column in table.Columns)
            {
                t.AddColumn(new TableColumn(ConsoleText.Verbatim(column)));
            }

            foreach (var row in table.Rows)
            {
                t.AddVerbatimRow([.. row]);
            }

            console.Write(t);
        }

        foreach (var threshold in result.Thresholds)
        {
            var (mark, markColour) = threshold.Passed ? ("pass", "green") : ("FAIL", "red");
            ConsoleText.Line(console, mark, markColour, ThresholdLine(threshold));
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLineVerbatim($"[grey]note:[/] {note}");
        }
    }

    /// <summary>
    /// <c>metric expression: actual</c>, without repeating a metric the expression already names, and with the
    /// finding's message where there is no number (an audit row's "is 32768" rather than "n/a").
    /// </summary>
    internal static string ThresholdLine(ThresholdResult threshold)
    {
        var what = threshold.Expression.StartsWith(threshold.Metric, StringComparison.Ordinal)
            ? threshold.Expression
            : $"{threshold.Metric} {threshold.Expression}";
        var unit = threshold.Unit is "" or "ms" or "s" or "us" or "µs" or "%" ? threshold.Unit : " " + threshold.Unit;
        var actual = threshold.Actual is { } a
            ? a.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + unit
            : threshold.Message;
        return actual is { Length: > 0 } ? $"{what}: {actual}" : what;
    }
}
