using Harness.Results;
using HdrHistogram;

namespace Harness.Node;

/// <summary>Builds a <see cref="MetricSummary"/> from raw millisecond values: exact percentiles plus the encoded HdrHistogram (µs).</summary>
internal static class LatencySummary
{
    public static MetricSummary FromMilliseconds(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new MetricSummary();
        }

        var sorted = values.Order().ToArray();
        var mean = sorted.Average();
        var variance = sorted.Sum(v => (v - mean) * (v - mean)) / sorted.Length;
        var histogram = new LongHistogram(1, 3_600_000_000L, 3);
        foreach (var v in sorted)
        {
            histogram.RecordValue(Math.Clamp((long)Math.Round(v * 1000), 1, 3_600_000_000L));
        }

        return new MetricSummary
        {
            Unit = "ms",
            Count = sorted.Length,
            Min = sorted[0],
            Mean = mean,
            StdDev = Math.Sqrt(variance),
            P50 = Percentile(sorted, 50),
            P90 = Percentile(sorted, 90),
            P99 = Percentile(sorted, 99),
            P999 = Percentile(sorted, 99.9),
            Max = sorted[^1],
            Histogram = MetricHistogram.Encode(histogram),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values (the value at or below which p% of samples fall).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
