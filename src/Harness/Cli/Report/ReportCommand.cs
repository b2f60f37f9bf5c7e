using Harness.Reports;
using Harness.Reports.Model;
using Harness.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Report;

/// <summary><c>harness report RESULTS.json -o report.pdf [--format pdf|md] [--dataset FILE]</c>: the PDF report or the Markdown summary of a run.</summary>
internal sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var options = new ReportOptions { DatasetPath = settings.Dataset, FontDirectory = settings.FontDirectory };
        var problems = settings.Problems().Concat(options.Validate()).ToList();
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                console.MarkupLineVerbatim($"[red]{p}[/]");
            }

            return ExitCodes.UsageError;
        }

        RunSummary run;
        try
        {
            run = await RunSummaryJson.ReadAsync(settings.Results, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineVerbatim($"[red]{ex.Message}[/]");
            return ExitCodes.UsageError;
        }

        var md = settings.Format == "md";
        var output = settings.Output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Results))!, md ? "summary.md" : "report.pdf");
        try
        {
            if (md)
            {
                await File.WriteAllTextAsync(output, MarkdownSummary.Write(run, options), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ReportGenerator.WritePdf(run, output, options);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
        {
            // A bad --dataset file or a missing font: say which and why, with no half-written report left behind.
            console.MarkupLineVerbatim($"[red]{ex.Message}[/]");
            return ExitCodes.UsageError;
        }

        console.MarkupLineVerbatim($"wrote [green]{output}[/]");
        return 0;
    }
}
