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

    /// <summary>The planned length of the measured phase; infinite when only an iteration count bounds it.</summary>
    public double Seconds => Segments.Sum(s => s.Seconds);

    /// <summary>The highest rate or VU count the shape reaches.</summary>
    public double Peak => Segments.Count == 0 ? 0 : Segments.Max(s => Math.Max(s.Start, s.End));
}
