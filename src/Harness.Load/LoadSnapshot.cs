namespace Harness.Load;

/// <summary>
/// What one process of a distributed run has measured so far (or in all, when <see cref="Final"/>): the counters, the
/// HDR histograms encoded as in results.json, and the per-second buckets from <see cref="FirstSecond"/> on. Snapshots
/// are added, never averaged: see <see cref="LoadMerge"/>.
/// </summary>
public sealed record LoadSnapshot
{
    /// <summary>Measured iterations that completed (errors included).</summary>
    public long Requests { get; init; }
    /// <summary>Completed iterations that were errors.</summary>
    public long Errors { get; init; }
    /// <summary>Arrivals dropped for want of a free VU.</summary>
    public long Dropped { get; init; }
    /// <summary>Warm-up iterations that completed (kept out of the figures).</summary>
    public long WarmUpRequests { get; init; }
    /// <summary>Status codes, error kinds, bytes and interrupted iterations, by counter name.</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
    /// <summary>Encoded histograms (µs) by metric: <c>http_req_duration</c>, <c>http_req_service_time</c>, <c>schedule_lag</c>, <c>warmup_http_req_duration</c>.</summary>
    public IReadOnlyDictionary<string, string> Histograms { get; init; } = new Dictionary<string, string>();
    /// <summary>Index of the first per-second bucket in <see cref="Seconds"/> (earlier ones were sent before and have not changed).</summary>
    public int FirstSecond { get; init; }
    /// <summary>Per-second buckets of the measured phase, from <see cref="FirstSecond"/> on.</summary>
    public IReadOnlyList<SecondSnapshot> Seconds { get; init; } = [];
    /// <summary>Seconds of the measured phase so far (its whole length once final).</summary>
    public double WindowSeconds { get; init; }
    /// <summary>Arrivals an overrun dispatcher never sent (counted as dropped).</summary>
    public long AbandonedArrivals { get; init; }
    /// <summary>Most iterations in flight at once.</summary>
    public int MaxInFlight { get; init; }
    /// <summary>True when the run was stopped before the end of its plan.</summary>
    public bool Interrupted { get; init; }
    /// <summary>True for the snapshot taken after the run ended.</summary>
    public bool Final { get; init; }

    /// <summary>
    /// This (cumulative) snapshot brought up to date by a later one: everything from <paramref name="later"/>, with the
    /// per-second buckets before its <see cref="FirstSecond"/> kept from this one.
    /// </summary>
    public LoadSnapshot Then(LoadSnapshot later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (later.FirstSecond <= FirstSecond)
        {
            return later;
        }

        // Buckets a poller missed (it never asks past what it has) would shift the series: keep the indices right with empty ones.
        var keep = later.FirstSecond - FirstSecond;
        var kept = Seconds.Take(keep).Concat(Enumerable.Repeat(new SecondSnapshot(0, 0, 0, null), Math.Max(0, keep - Seconds.Count)));
        return later with { FirstSecond = FirstSecond, Seconds = [.. kept, .. later.Seconds] };
    }

    /// <summary>The same snapshot with only the per-second buckets from <paramref name="firstSecond"/> on (what a poller has not seen yet).</summary>
    public LoadSnapshot From(int firstSecond)
    {
        var from = Math.Clamp(firstSecond, FirstSecond, FirstSecond + Seconds.Count);
        return this with { FirstSecond = from, Seconds = [.. Seconds.Skip(from - FirstSecond)] };
    }
}
