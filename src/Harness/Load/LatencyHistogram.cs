using HdrHistogram;
using HdrHistogram.Utilities;
using Harness.Results;

namespace Harness.Load;

/// <summary>HdrHistogram in microseconds from 1 µs to 60 s, and its conversion to a <see cref="MetricSummary"/> in milliseconds.</summary>
internal static class LatencyHistogram
{
    public const long LowestMicros = 1;
    public const long HighestMicros = 60_000_000;

    public static LongHistogram Create(int significantDigits = 3) => new(LowestMicros, HighestMicros, significantDigits);

    /// <summary>Records a value, clamped into the trackable range (a 61 s stall is recorded as 60 s rather than thrown away).</summary>
    public static void Record(LongHistogram histogram, double micros)
        => histogram.RecordValue(Math.Clamp((long)Math.Round(micros), LowestMicros, HighestMicros));

    public static MetricSummary Summarize(LongHistogram h, bool includeEncoding = true)
    {
        if (h.TotalCount == 0)
        {
            return new MetricSummary { Count = 0 };
        }

        static double Ms(long micros) => micros / 1000.0;
        return new MetricSummary
        {
            Count = h.TotalCount,
            Min = Ms(h.GetValueAtPercentile(0)),
            Mean = h.GetMean() / 1000.0,
            StdDev = h.GetStdDeviation() / 1000.0,
            P50 = Ms(h.GetValueAtPercentile(50)),
            P90 = Ms(h.GetValueAtPercentile(90)),
            P99 = Ms(h.GetValueAtPercentile(99)),
            P999 = Ms(h.GetValueAtPercentile(99.9)),
            Max = Ms(h.GetMaxValue()),
            Histogram = includeEncoding ? Encode(h) : null,
        };
    }

    public static string Encode(LongHistogram h)
    {
        var buffer = ByteBuffer.Allocate(h.GetNeededByteBufferCapacity());
        var length = h.EncodeIntoCompressedByteBuffer(buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    public static HistogramBase Decode(string base64)
    {
        var buffer = ByteBuffer.Allocate(Convert.FromBase64String(base64));
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
    }

    /// <summary>Any percentile from a summary's encoded histogram, in ms; null when the summary has none.</summary>
    public static double? Percentile(MetricSummary summary, double percentile)
        => summary.Histogram is null ? null : Decode(summary.Histogram).GetValueAtPercentile(percentile) / 1000.0;
}
