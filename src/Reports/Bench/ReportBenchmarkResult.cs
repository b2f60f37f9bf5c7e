namespace Harness.Reports.Bench;

/// <summary>What producing one report costs: pages, PDF size, wall time (first run includes JIT and font loading), allocations, peak memory.</summary>
public sealed record ReportBenchmarkResult(
    int Pages,
    long PdfBytes,
    TimeSpan First,
    TimeSpan Median,
    TimeSpan Fastest,
    long AllocatedBytesPerReport,
    long PeakWorkingSetBytes,
    int Rounds);
