using Harness.Reports.Charts;
using Harness.Reports.Content;
using Harness.Reports.Dataset;
using Harness.Reports.Layout;
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
    public static void WritePdf(RunSummary run, string path, ReportOptions? options = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        try
        {
            using (var stream = File.Create(temp))
            {
                WritePdf(run, stream, options);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The one call for <c>harness run</c>: writes DIR/report.pdf and DIR/summary.md and returns their paths.</summary>
    public static ReportFiles WriteAll(RunSummary run, string directory, ReportOptions? options = null)
    {
        Directory.CreateDirectory(directory);
        var pdf = Path.Combine(directory, "report.pdf");
        var md = Path.Combine(directory, "summary.md");
        File.WriteAllText(md, MarkdownSummary.Write(run, options));
        WritePdf(run, pdf, options);
        return new ReportFiles(pdf, md);
    }
}
