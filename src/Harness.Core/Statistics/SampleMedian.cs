namespace Harness.Statistics;

/// <summary>The median of a small sample set (mean of the two middle values for an even count; NaN when empty).</summary>
internal static class SampleMedian
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
