namespace Harness.Reports.Bench;

/// <summary>What producing one report costs: pages, PDF size, wall time (first run includes JIT and font loading), allocations, peak memory.</summary>
/// <param name="Pages">Pages of the sample report (the page objects counted in the PDF).</param>
/// <param name="PdfBytes">Size of one PDF.</param>
/// <param name="First">Wall time of the first report, which pays for JIT and font loading once.</param>
/// <param name="Median">Median wall time of the timed rounds after the first.</param>
/// <param name="Fastest">Fastest of the timed rounds.</param>
/// <param name="AllocatedBytesPerReport">Managed bytes allocated per report, averaged over the timed rounds.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set when the rounds were done.</param>
/// <param name="Rounds">How many timed rounds followed the first report.</param>
public sealed record ReportBenchmarkResult(
    int Pages,
    long PdfBytes,
    TimeSpan First,
    TimeSpan Median,
    TimeSpan Fastest,
    long AllocatedBytesPerReport,
    long PeakWorkingSetBytes,
    int Rounds);
