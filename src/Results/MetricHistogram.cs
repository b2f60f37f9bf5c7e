using HdrHistogram;
using HdrHistogram.Utilities;

namespace Harness.Results;

/// <summary>The HdrHistogram (µs) a <see cref="MetricSummary"/> carries: one encoding and one summary for every writer and reader.</summary>
public static class MetricHistogram
{
    /// <summary>The histogram's percentiles in ms, with the compressed encoding unless <paramref name="includeEncoding"/> is false.</summary>
    public static MetricSummary Summarize(HistogramBase h, bool includeEncoding = true)
    {
        ArgumentNullException.ThrowIfNull(h);
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

    /// <summary>Compressed HdrHistogram encoding, base64 (what <see cref="MetricSummary.Histogram"/> holds).</summary>
    public static string Encode(HistogramBase h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var buffer = ByteBuffer.Allocate(h.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(h, buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a histogram written by the encoder back; throws <see cref="FormatException"/> on damaged input.</summary>
    public static HistogramBase Decode(string base64)
        => HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(base64)), 0);
}
