namespace Harness.Results;

/// <summary>A distribution's summary in milliseconds (or <see cref="Unit"/>), plus the encoded HdrHistogram for later comparisons.</summary>
public sealed record MetricSummary
{
    /// <summary>Unit of every figure of the summary, e.g. <c>ms</c>.</summary>
    public string Unit { get; init; } = "ms";
    /// <summary>Number of samples.</summary>
    public long Count { get; init; }
    /// <summary>Smallest sample.</summary>
    public double Min { get; init; }
    /// <summary>Arithmetic mean.</summary>
    public double Mean { get; init; }
    /// <summary>Standard deviation.</summary>
    public double StdDev { get; init; }
    /// <summary>50th percentile.</summary>
    public double P50 { get; init; }
    /// <summary>90th percentile.</summary>
    public double P90 { get; init; }
    /// <summary>99th percentile.</summary>
    public double P99 { get; init; }
    /// <summary>99.9th percentile.</summary>
    public double P999 { get; init; }
    /// <summary>Largest sample.</summary>
    public double Max { get; init; }
    /// <summary>Base64 of HdrHistogram's compressed encoding (values in microseconds), or null.</summary>
    public string? Histogram { get; init; }
}
