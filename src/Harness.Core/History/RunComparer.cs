using System.Globalization;

namespace Harness.History;

/// <summary>
/// Compares two recorded runs metric by metric: the ratio of medians (candidate / baseline) with a percentile bootstrap
/// interval over samples regenerated from the HDR histograms. A seeded RNG keeps verdicts reproducible.
/// </summary>
internal static class RunComparer
{
    /// <summary>Default allowed slowdown when neither the scenario nor --tolerance sets one.</summary>
    public const double DefaultTolerance = 0.10;

    private const int MaxSamples = 2000;
    private const int MinSamples = 20;
    private const int Resamples = 1000;

    /// <summary>Compares every latency-like metric (unit ms) present in both runs; <paramref name="tolerance"/> gives each scenario's allowed slowdown.</summary>
    public static IReadOnlyList<MetricComparison> Compare(HistoryRun baseline, HistoryRun candidate, Func<string, double> tolerance, int seed = 9)
    {
        var before = baseline.Metrics.ToDictionary(m => (m.Scenario, m.Metric));
        var result = new List<MetricComparison>();
        foreach (var c in candidate.Metrics.Where(m => m.Summary.Unit == "ms"))
        {
            var tol = tolerance(c.Scenario);
            if (!before.TryGetValue((c.Scenario, c.Metric), out var b))
            {
                result.Add(new MetricComparison
                {
                    Scenario = c.Scenario, Metric = c.Metric, Tolerance = tol, Verdict = Verdict.Inconclusive,
                    Message = $"not in the baseline run {baseline.RunId}",
                });
                continue;
            }

            result.Add(CompareOne(b, c, tol, seed));
        }

        return result;
    }

    /// <summary>One metric: bootstrap when both sides carry histograms, a point estimate (flagged) otherwise.</summary>
    public static MetricComparison CompareOne(HistoryMetric baseline, HistoryMetric candidate, double tolerance, int seed = 9)
    {
        MetricComparison Make(Verdict v, double ratio, double low, double high, string message) => new()
        {
            Scenario = candidate.Scenario,
            Metric = candidate.Metric,
            BaselineMedian = baseline.Summary.P50,
            CandidateMedian = candidate.Summary.P50,
            Ratio = ratio,
            Low = low,
            High = high,
            Tolerance = tolerance,
            Verdict = v,
            Message = message,
        };

        if (baseline.Summary.Count < MinSamples || candidate.Summary.Count < MinSamples || baseline.Summary.P50 <= 0)
        {
            return Make(Verdict.Inconclusive, double.NaN, double.NaN, double.NaN,
                $"too few samples ({baseline.Summary.Count} vs {candidate.Summary.Count}, need {MinSamples})");
        }

        double ratio, low, high;
        var basis = "";
        if (baseline.Summary.Histogram is { } hb && candidate.Summary.Histogram is { } hc)
        {
            var a = HistogramCodec.Samples(Results.MetricHistogram.Decode(hb), (int)Math.Min(MaxSamples, baseline.Summary.Count));
            var c = HistogramCodec.Samples(Results.MetricHistogram.Decode(hc), (int)Math.Min(MaxSamples, candidate.Summary.Count));
            ratio = Median(c) / Median(a);
            (low, high) = Bootstrap(a, c, new Random(seed));
        }
        else
        {
            ratio = candidate.Summary.P50 / baseline.Summary.P50;
            (low, high) = (ratio, ratio);
            basis = " (no histogram: point estimate, no noise estimate)";
        }

        var verdict = low > 1 + tolerance ? Verdict.Regression
            : high < 1 ? Verdict.Faster
            : low > 1 ? Verdict.SlowerWithinTolerance
            : Verdict.NoChange;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"median {baseline.Summary.P50:0.###} → {candidate.Summary.P50:0.###} ms, ×{ratio:0.000} [95% CI {low:0.000}, {high:0.000}], tolerance +{tolerance * 100:0.#}%{basis}");
        return Make(verdict, ratio, low, high, text);
    }

    private static double Median(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted[(sorted.Length - 1) / 2];

    /// <summary>95% percentile-bootstrap interval of median(c)/median(a); both arrays sorted.</summary>
    private static (double Low, double High) Bootstrap(double[] a, double[] c, Random random)
    {
        var ratios = new double[Resamples];
        var countsA = new int[a.Length];
        var countsC = new int[c.Length];
        for (var i = 0; i < Resamples; i++)
        {
            ratios[i] = ResampledMedian(c, countsC, random) / ResampledMedian(a, countsA, random);
        }

        Array.Sort(ratios);
        return (ratios[(int)(0.025 * (Resamples - 1))], ratios[(int)Math.Ceiling(0.975 * (Resamples - 1))]);
    }

    /// <summary>Median of a resample with replacement: the samples are sorted, so it is the sample at the median drawn index (O(n), no sort).</summary>
    private static double ResampledMedian(double[] sorted, int[] counts, Random random)
    {
        Array.Clear(counts);
        var n = sorted.Length;
        for (var i = 0; i < n; i++)
        {
            counts[random.Next(n)]++;
        }

        var half = (n - 1) / 2;
        var seen = 0;
        for (var i = 0; i < n; i++)
        {
            seen += counts[i];
            if (seen > half)
            {
                return sorted[i];
            }
        }

        return sorted[^1];
    }
}
