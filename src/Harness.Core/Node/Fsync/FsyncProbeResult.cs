namespace Harness.Node.Fsync;

/// <summary>Per-write fdatasync latencies (ms) from one probe run, and how they were obtained.</summary>
internal sealed record FsyncProbeResult
{
    /// <summary>"harness (C# fdatasync)", "fio 3.33", "dd oflag=dsync"…</summary>
    public required string Method { get; init; }
    public required string Directory { get; init; }
    public required int Writes { get; init; }
    public required int BlockSize { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Every fdatasync in ms; empty when the method gives only aggregates.</summary>
    public IReadOnlyList<double> LatenciesMs { get; init; } = [];
    /// <summary>When each fdatasync finished, in seconds since the probe started (same order as <see cref="LatenciesMs"/>).</summary>
    public IReadOnlyList<double> OffsetsSeconds { get; init; } = [];
    /// <summary>Percentiles when the method reports them itself (fio), in ms.</summary>
    public double? P50Ms { get; init; }
    public double? P90Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? MaxMs { get; init; }
    public double? MeanMs { get; init; }
    public bool StoppedEarly { get; init; }

    public double Iops => Elapsed.TotalSeconds > 0 ? Writes / Elapsed.TotalSeconds : 0;
}
