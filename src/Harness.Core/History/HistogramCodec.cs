using HdrHistogram;

namespace Harness.History;

/// <summary>The HdrHistograms held in <see cref="Results.MetricSummary.Histogram"/>: encoding (shared with the load engine) and sample regeneration.</summary>
internal static class HistogramCodec
{
    /// <summary>
    /// Regenerates <paramref name="n"/> sorted samples (in histogram units) at evenly spaced quantiles:
    /// deterministic, and faithful to the recorded distribution within the histogram's precision.
    /// </summary>
    public static double[] Samples(HistogramBase histogram, int n)
    {
        var values = new List<double>();
        var cumulative = new List<long>();
        long total = 0;
        foreach (var v in histogram.RecordedValues())
        {
            total += v.CountAtValueIteratedTo;
            values.Add(histogram.MedianEquivalentValue(v.ValueIteratedTo));
            cumulative.Add(total);
        }

        if (total == 0 || n <= 0)
        {
            return [];
        }

        var samples = new double[n];
        var bucket = 0;
        for (var i = 0; i < n; i++)
        {
            // The rank (1..total) of the (i + 0.5)/n quantile; buckets are walked once since ranks only grow.
            var rank = (long)Math.Ceiling((i + 0.5) / n * total);
            while (cumulative[bucket] < rank)
            {
                bucket++;
            }

            samples[i] = values[bucket];
        }

        return samples;
    }
}
