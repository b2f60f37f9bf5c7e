namespace Harness.Load;

/// <summary>The whole run's pure plan: warm-up, then the measured phase, both taken from one <see cref="LoadShape"/>.</summary>
internal static class LoadPlan
{
    /// <summary>Open models: the warm-up replays the start of the shape, then the measured phase starts over at <see cref="LoadShape.WarmUp"/>.</summary>
    public static IEnumerable<PlannedArrival> Arrivals(LoadShape shape)
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
    public static IReadOnlyList<(VuStep Step, LoadPhase Phase)> VuSteps(LoadShape shape)
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

    /// <summary>The number of measured iterations an open model plans (bounded by duration and iterations).</summary>
    public static long PlannedMainArrivals(LoadShape shape)
        => double.IsPositiveInfinity(shape.Seconds) && shape.MaxIterations is null
            ? long.MaxValue
            : ArrivalSchedule.Count(shape.Segments, double.PositiveInfinity, shape.MaxIterations);
}
