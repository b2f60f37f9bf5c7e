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
        catch (IOException e)
        {
            // Missing, a folder, not a database (HistoryFileException).
            (result, error) = (null, e.Message);
        }

        if (result is null)
        {
            console.MarkupLineVerbatim($"[red]error[/] {error}");
            return ExitCodes.UsageError;
        }

        ComparisonTable.Write(console, result);
        if (settings.JUnit is { } path)
        {
            var doc = new System.Xml.Linq.XDocument(new System.Xml.Linq.XDeclaration("1.0", "utf-8", null),
                new System.Xml.Linq.XElement("testsuites", JUnitWriter.RegressionSuite(result.Metrics, result.Candidate.StartedAt)));
            await JUnitWriter.WriteAsync(doc, path, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"wrote {path}");
        }

        return result.HasRegression ? 1 : 0;
    }
}
