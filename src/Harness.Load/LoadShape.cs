namespace Harness.Load;

/// <summary>The validated, normalised load: segments per second or in VUs, plus bounds, warm-up and limits. The planners read only this.</summary>
internal sealed record LoadShape
{
    public required bool Open { get; init; }
    public required IReadOnlyList<LoadSegment> Segments { get; init; }
    /// <summary>Stop the measured phase after this many iterations (started for open models, finished for closed ones).</summary>
    public long? MaxIterations { get; init; }
    public TimeSpan WarmUp { get; init; }
    public TimeSpan Timeout { get; init; } = LoadDefaults.Timeout;
    public int PreAllocatedVus { get; init; } = LoadDefaults.PreAllocatedVus;
    public int MaxVus { get; init; } = LoadDefaults.MaxVus;
    /// <summary>The part of the plan this process runs (the whole plan unless it is one agent of a distributed run).</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>The planned length of the measured phase; infinite when only an iteration count bounds it.</summary>
    public double Seconds => Segments.Sum(s => s.Seconds);

    /// <summary>
    /// This shape cut to one execution segment: same stages and warm-up; the VU limits split (rounded up, so no part is
    /// left without one); a closed model's iteration bound split exactly. An open model's bound stays global because
    /// the segment filters the whole plan's arrivals, which the bound already limits.
    /// </summary>
    public LoadShape For(ExecutionSegment segment)
    {
        if (segment.IsWhole)
        {
            return this;
        }

        int Split(int vus) => Math.Max(1, (vus + segment.Count - 1) / segment.Count);
        return this with
        {
            Segment = segment,
            MaxVus = Split(MaxVus),
            PreAllocatedVus = Math.Min(Split(PreAllocatedVus), Split(MaxVus)),
            MaxIterations = Open || MaxIterations is null ? MaxIterations : segment.ShareOf(MaxIterations.Value),
        };
    }

    /// <summary>The highest rate or VU count the shape reaches.</summary>
    public double Peak => Segments.Count == 0 ? 0 : Segments.Max(s => Math.Max(s.Start, s.End));
}
