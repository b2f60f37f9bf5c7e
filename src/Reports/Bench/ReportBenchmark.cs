using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Reports.Model;

namespace Harness.Reports.Bench;

/// <summary>Times the PDF report of a rich sample run (about 20 pages), for <c>harness bench report</c>.</summary>
public static partial class ReportBenchmark
{
    /// <summary>
    /// Writes the report once (JIT and fonts warm up), then <paramref name="rounds"/> more times, each in memory so the
    /// disk is not measured, and reports the times, the allocations of this thread and the peak working set.
    /// </summary>
    public static ReportBenchmarkResult Measure(int rounds, ReportOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var run = SampleRun.Rich();
        var sw = Stopwatch.StartNew();
        var pdf = Write(run, options);
        var first = sw.Elapsed;

        var times = new List<TimeSpan>(rounds);
        long allocated = 0;
        for (var i = 0; i < rounds; i++)
        {
            // The generator is synchronous, so this thread's allocation counter sees all of it.
            var before = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            pdf = Write(run, options);
            times.Add(sw.Elapsed);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        times.Sort();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ReportBenchmarkResult(
            PageCount(pdf), pdf.LongLength, first, times[times.Count / 2], times[0], allocated / rounds, process.PeakWorkingSet64, rounds);
    }

    private static byte[] Write(Results.RunSummary run, ReportOptions? options)
    {
        using var stream = new MemoryStream();
        ReportGenerator.WritePdf(run, stream, options);
        return stream.ToArray();
    }

    private static int PageCount(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
