namespace Harness.Results;

/// <summary>A distribution's summary in milliseconds (or <see cref="Unit"/>), plus the encoded HdrHistogram for later comparisons.</summary>
public sealed record MetricSummary
{
    public string Unit { get; init; } = "ms";
    public long Count { get; init; }
    public double Min { get; init; }
    public double Mean { get; init; }
    public double StdDev { get; init; }
    public double P50 { get; init; }
    public double P90 { get; init; }
    public double P99 { get; init; }
    public double P999 { get; init; }
    public double Max { get; init; }
    /// <summary>Base64 of HdrHistogram's compressed encoding (values in microseconds), or null.</summary>
    public string? Histogram { get; init; }
}
