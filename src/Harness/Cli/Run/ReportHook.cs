using Harness.Reports;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Cli.Run;

/// <summary>Where <c>harness run</c> hands the finished summary to the report writer (PDF and Markdown).</summary>
internal static class ReportHook
{
    /// <summary>Writes report.pdf and summary.md into the output folder and returns their paths.</summary>
    public static Func<RunSummary, string, ReportOptions, IReadOnlyList<string>> Writer { get; } = static (run, directory, options) =>
    {
        var files = ReportGenerator.WriteAll(run, directory, options);
        return [files.Pdf, files.Markdown];
    };
}
