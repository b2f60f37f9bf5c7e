namespace Harness.Statistics;

/// <summary>
/// A sample's median with a distribution-free confidence interval from its order statistics (the sign-test interval):
/// a verdict on a few noisy rounds says "met" only when the whole interval is within the budget.
/// </summary>
internal readonly record struct MedianInterval(double Low, double Median, double High, double Confidence)
{
    /// <summary>
    /// The interval [x(k), x(n−k+1)] with the largest k whose coverage 1 − 2·P(Bin(n, ½) &lt; k) is still at least
    /// <paramref name="confidence"/>; with too few values for that coverage, the interval is the whole range and
    /// <see cref="Confidence"/> says what it covers.
    /// </summary>
    public static MedianInterval Of(IReadOnlyCollection<double> values, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return new MedianInterval(double.NaN, double.NaN, double.NaN, 0);
        }

        // below[k] = P(Bin(n, ½) < k), built from the binomial terms in log space so that 100 rounds do not overflow.
        var k = 1;
        var coverage = 1 - (2 * Math.Pow(0.5, n));
        var cumulative = Math.Pow(0.5, n);
        var term = Math.Pow(0.5, n);
        for (var next = 2; next <= (n + 1) / 2; next++)
        {
            term *= (double)(n - next + 2) / (next - 1);
            var nextCumulative = cumulative + term;
            var nextCoverage = 1 - (2 * nextCumulative);
            if (nextCoverage < confidence)
            {
                break;
            }

            (k, cumulative, coverage) = (next, nextCumulative, nextCoverage);
        }

        return new MedianInterval(sorted[k - 1], SampleMedian.Of(sorted), sorted[n - k], Math.Max(0, coverage));
    }
}
