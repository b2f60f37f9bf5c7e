using System.Globalization;
using Harness.Bench;
using Harness.Cli;
using Harness.Reports;
using Harness.Reports.Bench;
using Harness.Reports.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench report</c>: time, memory and size of the PDF report of a rich sample run, against the 3 s / 3 MB targets.</summary>
internal sealed class BenchReportCommand(IAnsiConsole console, CliEnvironment environment) : Command<BenchReportSettings>
{
    private const double TargetSeconds = 3;
    private const long TargetBytes = 3L << 20;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override int Execute(CommandContext context, BenchReportSettings settings, CancellationToken cancellationToken)
    {
        var options = new ReportOptions { FontDirectory = settings.FontDirectory };
        var errors = options.Validate().ToList();
        if (settings.Rounds is < 1 or > 100)
        {
            errors.Add($"--rounds: {settings.Rounds} is not between 1 and 100");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.MarkupLineVerbatim($"[red]{error}[/]");
            }

            return ExitCodes.UsageError;
        }

        console.MarkupLineVerbatim($"[grey]sample run, 1 cold + {settings.Rounds} timed reports; {Environment.ProcessorCount} cores; {environment.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC[/]");
        var r = ReportBenchmark.Measure(settings.Rounds, options);
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
        static string Mb(long b) => (b / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture) + " MiB";
        var table = new Table().AddColumns("measure", "value", "target");
        table.AddRow("pages", r.Pages.ToString(CultureInfo.InvariantCulture), "≈ 20");
        table.AddRow("PDF size", Mb(r.PdfBytes), r.PdfBytes < TargetBytes ? "[green]< 3 MiB ✓[/]" : "[red]< 3 MiB ✗[/]");
        table.AddRow("first report (JIT, fonts, dataset)", S(r.First), r.First.TotalSeconds < TargetSeconds ? "[green]< 3 s ✓[/]" : "[red]< 3 s ✗[/]");
        table.AddRow($"median of {r.Rounds}", S(r.Median), r.Median.TotalSeconds < TargetSeconds ? "[green]< 3 s ✓[/]" : "[red]< 3 s ✗[/]");
        table.AddRow("fastest", S(r.Fastest), "");
        table.AddRow("managed allocations per report", Mb(r.AllocatedBytesPerReport), "");
        table.AddRow("peak working set of the process", Mb(r.PeakWorkingSetBytes), "");
        console.Write(table);
        Summary?.Add(new BenchResult($"{r.Pages}-page PDF report (sample run)",
            string.Create(CultureInfo.InvariantCulture, $"{r.Median.TotalSeconds:0.00} s (first in a process {r.First.TotalSeconds:0.00} s), {r.PdfBytes / 1048576.0:0.00} MiB"),
            "", "< 3 s, < 3 MB", r.First.TotalSeconds < TargetSeconds && r.PdfBytes < TargetBytes));
        return 0;
    }
}
