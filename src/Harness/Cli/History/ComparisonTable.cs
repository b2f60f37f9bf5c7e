using System.Globalization;
using Harness.History;
using Spectre.Console;

namespace Harness.Cli.History;

/// <summary>How a comparison of two runs is shown on the console (by <c>harness compare</c> and after <c>harness run</c>).</summary>
internal static class ComparisonTable
{
    /// <summary>The verdict table, then one line per regression.</summary>
    public static void Write(IAnsiConsole console, Comparison result)
    {
        console.MarkupLineVerbatim($"compare {result.Baseline.RunId} → {result.Candidate.RunId}");
        var table = new Table()
            .AddColumns("scenario", "metric", "baseline p50 ms", "candidate p50 ms", "ratio", "95% CI", "tolerance", "verdict");
        foreach (var m in result.Metrics)
        {
            table.AddRow(
                ConsoleText.Verbatim(m.Scenario),
                ConsoleText.Verbatim(m.Metric),
                new Text(m.BaselineMedian.ToString("0.###", CultureInfo.InvariantCulture)),
                new Text(m.CandidateMedian.ToString("0.###", CultureInfo.InvariantCulture)),
                new Text(double.IsNaN(m.Ratio) ? "" : m.Ratio.ToString("0.000", CultureInfo.InvariantCulture)),
                new Text(double.IsNaN(m.Low) ? "" : string.Create(CultureInfo.InvariantCulture, $"[{m.Low:0.000}, {m.High:0.000}]")),
                new Text(string.Create(CultureInfo.InvariantCulture, $"+{m.Tolerance * 100:0.#}%")),
                ConsoleText.Markup($"[{Colour(m.Verdict)}]{Word(m.Verdict)}[/]"));
        }

        WideOutput.Write(console, table);
        foreach (var m in result.Metrics.Where(m => m.Verdict == Verdict.Regression))
        {
            console.MarkupLineVerbatim($"[red]regression[/] {m.Scenario} {m.Metric}: {m.Message}");
        }

        if (result.Metrics.Count == 0)
        {
            console.MarkupLine("no latency metrics in common: nothing to compare");
        }
    }

    public static string Word(Verdict v) => v.Word();

    private static string Colour(Verdict v) => v switch
    {
        Verdict.Regression => "red",
        Verdict.SlowerWithinTolerance => "yellow",
        Verdict.Faster => "green",
        _ => "default",
    };
}
