namespace Harness.Load;

/// <summary>The whole run's pure plan: warm-up, then the measured phase, both taken from one <see cref="LoadShape"/>.</summary>
internal static class LoadPlan
{
    /// <summary>Open models: the warm-up replays the start of the shape, then the measured phase starts over at <see cref="LoadShape.WarmUp"/>.</summary>
    /// <remarks>With a segment, only its arrivals (by their index in the whole plan's phase) are yielded, at the whole plan's times.</remarks>
    public static IEnumerable<PlannedArrival> Arrivals(LoadShape shape)
    {
        var segment = shape.Segment;
        long index = 0;
        var phase = LoadPhase.WarmUp;
        foreach (var arrival in WholeArrivals(shape))
        {
            if (arrival.Phase != phase)
            {
                // Each phase is indexed from 0, so the warm-up and the measured phase are each split evenly.
                (phase, index) = (arrival.Phase, 0);
            }

            if (segment.Owns(index++))
            {
                yield return arrival;
            }
        }
    }

    private static IEnumerable<PlannedArrival> WholeArrivals(LoadShape shape)
    {
        var warmUp = shape.WarmUp.TotalSeconds;
        if (warmUp > 0)
        {
            foreach (var t in ArrivalSchedule.Offsets(shape.Segments, warmUp))
            {
                yield return new(t, LoadPhase.WarmUp);
            }
        }

        foreach (var t in ArrivalSchedule.Offsets(shape.Segments, double.PositiveInfinity, shape.MaxIterations))
        {
            yield return new(warmUp + t, LoadPhase.Main);
        }
    }

    /// <summary>Closed models: VU steps of the warm-up (without its final stop), then those of the measured phase, shifted by the warm-up.</summary>
    /// <remarks>With a segment, each step holds the segment's share of the VUs (VU j is part j mod N's); repeated counts are dropped.</remarks>
    public static IReadOnlyList<(VuStep Step, LoadPhase Phase)> VuSteps(LoadShape shape)
    {
        var whole = WholeVuSteps(shape);
        if (shape.Segment.IsWhole)
        {
            return whole;
        }

        var steps = new List<(VuStep, LoadPhase)>();
        var last = -1;
        foreach (var (step, phase) in whole)
        {
            var vus = shape.Segment.ShareOf(step.Vus);
            if (vus != last || (steps.Count > 0 && steps[^1].Item2 != phase))
            {
                steps.Add((step with { Vus = vus }, phase));
                last = vus;
            }
        }

        return steps;
    }

    private static List<(VuStep Step, LoadPhase Phase)> WholeVuSteps(LoadShape shape)
    {
        var warmUp = shape.WarmUp.TotalSeconds;
        var steps = new List<(VuStep, LoadPhase)>();
        if (warmUp > 0)
        {
            steps.AddRange(VuSchedule.Steps(shape.Segments, warmUp)
                .Where(s => s.AtSeconds < warmUp)
                .Select(s => (s, LoadPhase.WarmUp)));
        }

        steps.AddRange(VuSchedule.Steps(shape.Segments)
            .Select(s => (s with { AtSeconds = s.AtSeconds + warmUp }, LoadPhase.Main)));
        return steps;
    }

    /// <summary>The number of measured iterations an open model plans for this shape's segment (bounded by duration and iterations).</summary>
    public static long PlannedMainArrivals(LoadShape shape)
        => double.IsPositiveInfinity(shape.Seconds) && shape.MaxIterations is null
            ? long.MaxValue
            : shape.Segment.ShareOf(ArrivalSchedule.Count(shape.Segments, double.PositiveInfinity, shape.MaxIterations));
}
