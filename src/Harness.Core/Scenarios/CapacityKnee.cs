namespace Harness.Scenarios;

/// <summary>Where a latency-against-rate curve bends: the point farthest below the chord from its first to its last point (Kneedle's idea).</summary>
internal static class CapacityKnee
{
    /// <summary>Below this normalised distance from the chord the curve is taken as straight, and there is no knee.</summary>
    public const double MinBend = 0.1;

    /// <summary>The index of the knee in <paramref name="curve"/> (rates ascending), or null when it has under three points or does not bend upwards.</summary>
    public static int? Find(IReadOnlyList<(double Rate, double Latency)> curve)
    {
        if (curve.Count < 3)
        {
            return null;
        }

        var (x0, y0) = curve[0];
        var (xn, yn) = curve[^1];
        if (xn <= x0 || yn <= y0)
        {
            return null;
        }

        int? best = null;
        var bestBend = MinBend;
        for (var i = 1; i < curve.Count - 1; i++)
        {
            var bend = ((curve[i].Rate - x0) / (xn - x0)) - ((curve[i].Latency - y0) / (yn - y0));
            if (bend > bestBend)
            {
                (best, bestBend) = (i, bend);
            }
        }

        return best;
    }
}
