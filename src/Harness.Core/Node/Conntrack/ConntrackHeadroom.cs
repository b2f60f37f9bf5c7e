namespace Harness.Node.Conntrack;

/// <summary>
/// The conntrack sizing arithmetic: each closed TCP connection holds an entry for the TIME_WAIT timeout (120 s by default),
/// so the table settles at rate × (timeout + lifetime) entries.
/// </summary>
internal sealed record ConntrackHeadroom
{
    public required double NewConnectionsPerSecond { get; init; }
    public required double TimeWaitTimeoutSeconds { get; init; }
    public double MeanConnectionLifetimeSeconds { get; init; }
    public required long Max { get; init; }
    /// <summary>Entries present before the load (other traffic).</summary>
    public long Baseline { get; init; }

    public double EntryLifetimeSeconds => TimeWaitTimeoutSeconds + MeanConnectionLifetimeSeconds;

    /// <summary>Entries the load alone keeps in the table once it has run longer than an entry lives.</summary>
    public double SteadyStateEntries => NewConnectionsPerSecond * EntryLifetimeSeconds;

    public bool FitsInTable => Baseline + SteadyStateEntries < Max;

    /// <summary>Seconds until the table is full, or null when the steady state fits.</summary>
    public double? SecondsToFull => FitsInTable || NewConnectionsPerSecond <= 0 ? null : Math.Max(0, Max - Baseline) / NewConnectionsPerSecond;

    /// <summary>The highest new-connection rate whose steady state still fits in the free part of the table.</summary>
    public double MaxSustainableNewConnectionsPerSecond => Math.Max(0, Max - Baseline) / EntryLifetimeSeconds;

    /// <summary>A table size with 2x headroom over the steady state, rounded up to a power of two, never below the kernel's 8 GB default.</summary>
    public long RecommendedMax => RecommendFor(Baseline + SteadyStateEntries);

    /// <summary>Predicted entries <paramref name="seconds"/> after the load started: linear growth until the first entries expire, capped at max.</summary>
    public double PredictedCountAt(double seconds)
        => Math.Min(Max, Baseline + (NewConnectionsPerSecond * Math.Clamp(seconds, 0, EntryLifetimeSeconds)));

    public static long RecommendFor(double entries)
    {
        var wanted = (long)Math.Ceiling(Math.Max(entries, 1) * 2);
        var size = 1L;
        while (size < wanted)
        {
            size <<= 1;
        }

        return Math.Max(size, DefaultMaxOnLargeNode);
    }

    /// <summary>The kernel's default nf_conntrack_max on a 64-bit node with more than 4 GiB (facts.md §6).</summary>
    public const long DefaultMaxOnLargeNode = 262_144;
}
