namespace Harness.Reports;

/// <summary>Where <see cref="ReportGenerator.WriteAll"/> wrote the report and the Markdown summary.</summary>
public sealed record ReportFiles(string Pdf, string Markdown);
