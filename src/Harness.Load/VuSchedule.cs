namespace Harness.Load;

/// <summary>The pure plan of a closed model: the points in time where the number of looping VUs changes; the last step is 0 VUs.</summary>
internal static class VuSchedule
{
    public static IReadOnlyList<VuStep> Steps(IReadOnlyList<LoadSegment> segments, double untilSeconds = double.PositiveInfinity)
    {
        var steps = new List<VuStep>();
        double at = 0;
        var current = -1;
        void Set(double t, int vus)
        {
            if (vus != current && t < untilSeconds)
            {
                steps.Add(new(t, vus));
                current = vus;
            }
        }

        foreach (var s in segments)
        {
            var v0 = (int)Math.Round(s.Start);
            var v1 = (int)Math.Round(s.End);
            Set(at, v0);
            if (v1 != v0 && !double.IsPositiveInfinity(s.Seconds))
            {
                // Each whole VU is added (or removed) when the line crosses it, as k6's ramping-vus does.
                var dir = Math.Sign(v1 - v0);
                for (var v = v0 + dir; v != v1 + dir; v += dir)
                {
                    // Up: floor of the line; down: its ceiling. Either way VU count v starts where the line equals v.
                    var t = at + (s.Seconds * (v - s.Start) / (s.End - s.Start));
                    Set(Math.Clamp(t, at, at + s.Seconds), v);
                }
            }

            at += s.Seconds;
        }

        if (current != 0 && !double.IsPositiveInfinity(at))
        {
            steps.Add(new(Math.Min(at, untilSeconds), 0));
        }
        else if (double.IsPositiveInfinity(at) && !double.IsPositiveInfinity(untilSeconds))
        {
            steps.Add(new(untilSeconds, 0));
        }

        return steps;
    }
}
