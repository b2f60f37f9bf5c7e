namespace Harness.Load;

/// <summary>The pure plan of an open model: when each iteration is meant to start, in seconds from the phase start.</summary>
/// <remarks>
/// Within a segment the cumulative count is N(t) = r0·t + (r1 − r0)·t²/(2D); arrival k happens where N(t) = k.
/// Arrival 0 is at t = 0 (as in k6), and the fractional remainder carries over segment borders so ramps stay exact.
/// </remarks>
internal static class ArrivalSchedule
{
    /// <summary>Lazily yields arrival offsets until the segments end, <paramref name="untilSeconds"/> passes or <paramref name="maxArrivals"/> is reached.</summary>
    public static IEnumerable<double> Offsets(IReadOnlyList<LoadSegment> segments, double untilSeconds = double.PositiveInfinity, long? maxArrivals = null)
    {
        long k = 0;
        double segmentStart = 0;
        double countBefore = 0;
        var limit = maxArrivals ?? long.MaxValue;
        foreach (var segment in segments)
        {
            var r0 = segment.Start;
            var a = double.IsPositiveInfinity(segment.Seconds) ? 0 : (segment.End - r0) / (2 * segment.Seconds);
            var total = double.IsPositiveInfinity(segment.Seconds) ? double.PositiveInfinity : (r0 + segment.End) * segment.Seconds / 2;
            while (k < limit && k < countBefore + total)
            {
                var c = k - countBefore;
                // Stable root of a·t² + r0·t − c = 0 (also right when a = 0).
                var disc = (r0 * r0) + (4 * a * c);
                var t = c == 0 ? 0 : 2 * c / (r0 + Math.Sqrt(Math.Max(disc, 0)));
                if (double.IsNaN(t) || double.IsInfinity(t))
                {
                    break;
                }

                var at = segmentStart + t;
                if (at >= untilSeconds)
                {
                    yield break;
                }

                yield return at;
                k++;
            }

            if (k >= limit)
            {
                yield break;
            }

            countBefore += total;
            segmentStart += segment.Seconds;
            if (segmentStart >= untilSeconds)
            {
                yield break;
            }
        }
    }

    /// <summary>How many arrivals the plan holds for the given bounds (counts without materialising when it can).</summary>
    public static long Count(IReadOnlyList<LoadSegment> segments, double untilSeconds = double.PositiveInfinity, long? maxArrivals = null)
    {
        long n = 0;
        foreach (var _ in Offsets(segments, untilSeconds, maxArrivals))
        {
            n++;
        }

        return n;
    }
}
