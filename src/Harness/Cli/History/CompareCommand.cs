using System.Globalization;
using Harness.History;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary><c>harness compare [RUN_A] [RUN_B]</c>: verdicts per metric; exit 1 on a regression beyond tolerance.</summary>
internal sealed class CompareCommand(IAnsiConsole console) : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        Comparison? result;
        string? error;
        try
        {
            using var store = HistoryStore.OpenExisting(settings.History);
            // --tolerance overrides; without it each scenario's recorded regression.tolerance applies.
            var tolerance = settings.ToleranceFraction;
            (result, error) = ComparisonService.Compare(store, new ComparisonRequest
            {
                BaselineRun = settings.RunA,
                CandidateRun = settings.RunB,
                BaselineName = settings.Baseline,
                Tolerance = tolerance is { } t ? _ => t : null,
            });
        }
        catch (FileNotFoundException e)
        {
            (result, error) = (null, e.Message);
        }

        if (result is null)
        {
            console.MarkupLineVerbatim($"[red]error[/] {error}");
            return HarnessApp.UsageError;
        }

        Write(console, result);
        if (settings.JUnit is { } path)
        {
            var doc = new System.Xml.Linq.XDocument(new System.Xml.Linq.XDeclaration("1.0", "utf-8", null),
                new System.Xml.Linq.XElement("testsuites", JUnitWriter.RegressionSuite(result.Metrics, result.Candidate.StartedAt)));
            await JUnitWriter.WriteAsync(doc, path, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"wrote {path}");
        }

        return result.HasRegression ? 1 : 0;
    }

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
