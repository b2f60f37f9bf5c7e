namespace Harness.Reports;

/// <summary>Where <see cref="ReportGenerator.WriteAll"/> wrote the report and the Markdown summary.</summary>
/// <param name="Pdf">Where report.pdf was written (inside the directory given to WriteAll).</param>
/// <param name="Markdown">Where summary.md was written, beside it.</param>
public sealed record ReportFiles(string Pdf, string Markdown);
