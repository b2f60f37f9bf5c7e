using Harness.Results;
using HdrHistogram;

namespace Harness.Load;

/// <summary>The load engine's HdrHistogram: microseconds from 1 µs to 60 s (summaries and encoding: <see cref="MetricHistogram"/>).</summary>
internal static class LatencyHistogram
{
    public const long LowestMicros = 1;
    public const long HighestMicros = 60_000_000;

    public static LongHistogram Create(int significantDigits = 3) => new(LowestMicros, HighestMicros, significantDigits);

    /// <summary>Records a value, clamped into the trackable range (a 61 s stall is recorded as 60 s rather than thrown away).</summary>
    public static void Record(LongHistogram histogram, double micros)
        => histogram.RecordValue(Math.Clamp((long)Math.Round(micros), LowestMicros, HighestMicros));

    /// <summary>Any percentile from a summary's encoded histogram, in ms; null when the summary has none.</summary>
    public static double? Percentile(MetricSummary summary, double percentile)
        => summary.Histogram is null ? null : MetricHistogram.Decode(summary.Histogram).GetValueAtPercentile(percentile) / 1000.0;
}
