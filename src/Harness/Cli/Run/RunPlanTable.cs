using System.Globalization;
using Harness.Runs;
using Spectre.Console;

namespace Harness.Cli.Run;

/// <summary>Prints a run plan (<c>harness run --dry-run</c>): one row per step, then the planned total.</summary>
internal static class RunPlanTable
{
    public static void Write(IAnsiConsole console, RunPlan plan)
    {
        var table = new Table().AddColumn("scenario").AddColumn("step").AddColumn(new TableColumn("planned").RightAligned());
        foreach (var step in plan.Steps)
        {
            table.AddVerbatimRow(step.Scenario, step.What, Seconds(step.Duration));
        }

        console.Write(table);
        var total = plan.Total;
        console.MarkupLineVerbatim(
            $"profile [bold]{plan.Profile}[/]: {plan.Scenarios.Count} scenario(s), planned [bold]{(int)total.TotalMinutes} min {total.Seconds} s[/] ({total.TotalSeconds:0} s){(plan.IncludesCompliance ? ", with the compliance check" : ", no compliance check (the target names no policy)")}");
        console.MarkupLine("[grey]An estimate: the durations and counts the scenario files set (after the profile), with assumed costs for cold starts, deploys and fsyncs. Nothing was run.[/]");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
