using Harness.Results;
using ScottPlot;

namespace Harness.Reports.Charts;

/// <summary>The latency distribution as a histogram over a log time axis, with p50/p99 marked.</summary>
internal static class DistributionChart
{
    /// <summary>(value in ms, count) pairs from the metric's encoded HdrHistogram (recorded in µs), or null if absent or unreadable.</summary>
    public static IReadOnlyList<(double Ms, long Count)>? Decode(MetricSummary metric)
    {
        if (string.IsNullOrEmpty(metric.Histogram))
        {
            return null;
        }

        try
        {
            return MetricHistogram.Decode(metric.Histogram).RecordedValues().Select(v => (v.ValueIteratedTo / 1000.0, v.CountAtValueIteratedTo)).ToList();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException or IOException)
        {
            return null;
        }
    }

    public static Func<Plot> Histogram(IReadOnlyList<(double Ms, long Count)> values, MetricSummary metric) => () =>
    {
        var plot = ChartStyle.Create(xLabel: "latency (log scale)", yLabel: "share of samples (%)");
        var positive = values.Where(v => v.Ms > 0 && v.Count > 0).ToList();
        var total = (double)positive.Sum(v => v.Count);
        if (positive.Count == 0 || total == 0)
        {
            return plot;
        }

        var lo = LogAxis.ToLog(positive.Min(v => v.Ms));
        var hi = LogAxis.ToLog(positive.Max(v => v.Ms));
        if (hi - lo < 0.3)
        {
            lo -= 0.15;
            hi += 0.15;
        }

        const int binCount = 48;
        var width = (hi - lo) / binCount;
        var bins = new double[binCount];
        foreach (var (ms, count) in positive)
        {
            var i = Math.Clamp((int)((LogAxis.ToLog(ms) - lo) / width), 0, binCount - 1);
            bins[i] += count;
        }

        var bars = Enumerable.Range(0, binCount)
            .Select(i => new Bar { Position = lo + (i + 0.5) * width, Value = 100 * bins[i] / total, Size = width * 0.92, FillColor = ChartStyle.Colour(0), LineWidth = 0 })
            .ToList();
        plot.Add.Bars(bars);
        Marker(plot, metric.P50, "p50", ChartStyle.Colour(2));
        Marker(plot, metric.P99, "p99", ChartStyle.Colour(1));
        if (metric.P999 > 0)
        {
            Marker(plot, metric.P999, "p99.9", ChartStyle.Colour(4));
        }

        LogAxis.Apply(plot.Axes.Bottom, lo, hi, LogAxis.Milliseconds);
        plot.Axes.SetLimitsX(lo, hi);
        plot.Axes.SetLimitsY(0, bins.Max() / total * 100 * 1.3);
        ChartStyle.LegendInside(plot);
        return plot;
    };

    private static void Marker(Plot plot, double ms, string label, Color color)
    {
        if (ms <= 0)
        {
            return;
        }

        var line = plot.Add.VerticalLine(LogAxis.ToLog(ms), 1.4f, color, LinePattern.Dashed);
        line.LegendText = $"{label} {LogAxis.Milliseconds(ms)}";
    }
}
