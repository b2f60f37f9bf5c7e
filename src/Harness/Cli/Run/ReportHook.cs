using Harness.Results;

namespace Harness.Cli.Run;

/// <summary>Where <c>harness run</c> hands the finished summary to the report writer (PDF and Markdown).</summary>
internal static class ReportHook
{
    /// <summary>Null until the reports library is wired in; then it writes report.pdf and summary.md and returns their paths.</summary>
    public static Func<RunSummary, string, IReadOnlyList<string>>? Writer => null;
}
