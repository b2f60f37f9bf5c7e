using Harness.Reports.Charts;
using Harness.Reports.Content;
using Harness.Reports.Dataset;
using Harness.Reports.Layout;
using Harness.Reports.Model;
using Harness.Results;
using Harness.Results.Redaction;

namespace Harness.Reports;

/// <summary>Writes the PDF report (and the Markdown summary) for a finished run.</summary>
public static class ReportGenerator
{
    /// <summary>Lays out and writes the PDF report to <paramref name="output"/>.</summary>
    public static void WritePdf(RunSummary run, Stream output, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        // Whatever produced the summary (a run, an old results.json), no credential reaches the PDF.
        run = JsonRedaction.Redact(run);
        options ??= new ReportOptions();
        var dataset = ReferenceDataset.Load(options.DatasetPath);
        var fonts = FontSet.Load(options.FontDirectory);
        ChartStyle.Register(fonts);
        var document = ReportBuilder.Build(run, options, dataset);
        using var cache = new FontCache(fonts);
        var laidOut = new LayoutEngine(cache).Layout(document);
        PdfRenderer.Render(laidOut, cache, output);
    }

    /// <summary>Writes the PDF report to a file (written whole, then moved into place).</summary>
    /// <remarks>
    /// Laid out in memory first: the seconds of layout never hold a file open, so a kill during them leaves nothing,
    /// and a full disk fails the one short write, which leaves no partial file.
    /// </remarks>
    public static void WritePdf(RunSummary run, string path, ReportOptions? options = null)
    {
        using var buffer = new MemoryStream();
        WritePdf(run, buffer, options);
        Harness.Platform.Local.AtomicFile.Write(Path.GetFullPath(path), buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Harness.Platform.Local.AtomicFile.Shared);
    }

    /// <summary>The one call for <c>harness run</c>: writes DIR/report.pdf and DIR/summary.md and returns their paths.</summary>
    public static ReportFiles WriteAll(RunSummary run, string directory, ReportOptions? options = null)
    {
        Directory.CreateDirectory(directory);
        var pdf = Path.Combine(directory, "report.pdf");
        var md = Path.Combine(directory, "summary.md");
        Harness.Platform.Local.AtomicFile.Write(md, System.Text.Encoding.UTF8.GetBytes(MarkdownSummary.Write(run, options)), Harness.Platform.Local.AtomicFile.Shared);
        WritePdf(run, pdf, options);
        return new ReportFiles(pdf, md);
    }
}
