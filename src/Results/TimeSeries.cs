namespace Harness.Results;

/// <summary>A per-second (or per-sample) series: requests/s, errors, p50, p99, TIME_WAIT, conntrack count…</summary>
public sealed record TimeSeries
{
    /// <summary>The series' name.</summary>
    public required string Name { get; init; }
    /// <summary>Unit of the values.</summary>
    public string Unit { get; init; } = "";
    /// <summary>The points, one per interval.</summary>
    public IReadOnlyList<SeriesPoint> Points { get; init; } = [];
}
