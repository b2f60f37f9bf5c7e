using System.Globalization;

namespace Harness.Node.Etcd;

/// <summary>A Prometheus histogram's cumulative buckets (upper bound <c>le</c> → count), summed over label sets.</summary>
internal sealed record HistogramBuckets(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    public double Total => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    /// <summary>Collects <c>NAME_bucket</c> samples from a scrape, summing series that differ only in other labels.</summary>
    public static HistogramBuckets From(IEnumerable<PrometheusSample> samples, string name)
    {
        var bucketName = name + "_bucket";
        var sums = new SortedDictionary<double, double>();
        foreach (var s in samples)
        {
            if (s.Name == bucketName && s.Labels.TryGetValue("le", out var le))
            {
                var bound = le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
                sums[bound] = sums.GetValueOrDefault(bound) + s.Value;
            }
        }

        return new HistogramBuckets(sums.Select(kv => (kv.Key, kv.Value)).ToList());
    }

    /// <summary>This scrape minus an earlier one: the observations made in between (like PromQL's increase()).</summary>
    public HistogramBuckets Minus(HistogramBuckets earlier)
    {
        var before = earlier.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
        return new HistogramBuckets(Buckets.Select(b => (b.UpperBound, Math.Max(0, b.Count - before.GetValueOrDefault(b.UpperBound)))).ToList());
    }

    /// <summary>
    /// The q-quantile as PromQL's histogram_quantile computes it: find the bucket holding rank q×total and interpolate
    /// linearly inside it; a rank in the +Inf bucket returns the highest finite bound. NaN when there are no observations.
    /// </summary>
    public double Quantile(double q)
    {
        if (Buckets.Count < 2 || !double.IsPositiveInfinity(Buckets[^1].UpperBound) || Total <= 0 || double.IsNaN(q))
        {
            return double.NaN;
        }

        if (q < 0)
        {
            return double.NegativeInfinity;
        }

        if (q > 1)
        {
            return double.PositiveInfinity;
        }

        var rank = q * Total;
        var index = 0;
        while (index < Buckets.Count - 1 && Buckets[index].Count < rank)
        {
            index++;
        }

        if (index == Buckets.Count - 1)
        {
            return Buckets[^2].UpperBound;
        }

        var upper = Buckets[index].UpperBound;
        if (index == 0 && upper <= 0)
        {
            return upper;
        }

        var lower = index == 0 ? 0 : Buckets[index - 1].UpperBound;
        var below = index == 0 ? 0 : Buckets[index - 1].Count;
        var inBucket = Buckets[index].Count - below;
        return inBucket <= 0 ? upper : lower + ((upper - lower) * (rank - below) / inBucket);
    }
}
