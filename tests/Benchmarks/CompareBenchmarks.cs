using BenchmarkDotNet.Attributes;
using Harness.History;
using Harness.Load;
using Harness.Results;

namespace Harness.Benchmarks;

/// <summary>One metric's regression verdict: two histograms decoded, 2,000 samples each, 1,000 bootstrap resamples.</summary>
public class CompareBenchmarks
{
    private HistoryMetric before = null!;
    private HistoryMetric after = null!;

    [GlobalSetup]
    public void Setup()
    {
        before = new HistoryMetric("s", "http_req_duration", Summary(1, 1.0));
        after = new HistoryMetric("s", "http_req_duration", Summary(2, 1.1));
    }

    [Benchmark]
    public double Verdict() => RunComparer.CompareOne(before, after, 0.10).Ratio;

    private static MetricSummary Summary(int seed, double scale)
    {
        var random = new Random(seed);
        var h = LatencyHistogram.Create();
        for (var i = 0; i < 10_000; i++)
        {
            LatencyHistogram.Record(h, scale * (1000 + random.NextDouble() * 9000));
        }

        return MetricHistogram.Summarize(h);
    }
}
