namespace Harness.Results;

/// <summary>A per-second (or per-sample) series: requests/s, errors, p50, p99, TIME_WAIT, conntrack count…</summary>
public sealed record TimeSeries
{
    public required string Name { get; init; }
    public string Unit { get; init; } = "";
    public IReadOnlyList<SeriesPoint> Points { get; init; } = [];
}
