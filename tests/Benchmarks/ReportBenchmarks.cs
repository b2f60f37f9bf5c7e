using BenchmarkDotNet.Attributes;
using Harness.Reports;
using Harness.Reports.Bench;
using Harness.Reports.Charts;
using Harness.Reports.Content;
using Harness.Reports.Dataset;
using Harness.Reports.Layout;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Benchmarks;

/// <summary>
/// PDF layout of the fixed ~20-page sample run (<c>SampleRun.Rich</c>): the document model built and laid out into
/// pages, and the whole report (model, layout, charts, SkiaSharp PDF) written to a memory stream.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private readonly ReportOptions options = new();
    private RunSummary run = null!;
    private ReferenceDataset dataset = null!;
    private FontCache fonts = null!;

    [GlobalSetup]
    public void Setup()
    {
        run = SampleRun.Rich();
        dataset = ReferenceDataset.Load(options.DatasetPath);
        var set = FontSet.Load(options.FontDirectory);
        ChartStyle.Register(set);
        fonts = new FontCache(set);
    }

    [GlobalCleanup]
    public void Cleanup() => fonts.Dispose();

    [Benchmark]
    public int Layout() => new LayoutEngine(fonts).Layout(ReportBuilder.Build(run, options, dataset)).Pages.Count;

    [Benchmark]
    public long WritePdf()
    {
        using var stream = new MemoryStream();
        ReportGenerator.WritePdf(run, stream, options);
        return stream.Length;
    }
}
