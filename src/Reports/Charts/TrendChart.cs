using Harness.Reports.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Harness.Reports.Charts;

/// <summary>p50 and p99 of one metric across recorded runs (x = run, labelled by id), with the baseline run marked.</summary>
internal static class TrendChart
{
    public static Func<Plot> Lines(IReadOnlyList<TrendPoint> points) => () =>
    {
        var plot = ChartStyle.Create(xLabel: "run", yLabel: "latency (ms)");
        var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        var p50 = plot.Add.ScatterLine(xs, points.Select(p => Finite(p.P50)).ToArray(), ChartStyle.Colour(0));
        p50.LineWidth = 1.6f;
        p50.MarkerSize = 4;
        p50.MarkerShape = MarkerShape.FilledCircle;
        p50.LegendText = "p50";
        var p99 = plot.Add.ScatterLine(xs, points.Select(p => Finite(p.P99)).ToArray(), ChartStyle.Colour(1));
        p99.LineWidth = 1.3f;
        p99.MarkerSize = 3;
        p99.MarkerShape = MarkerShape.FilledCircle;
        p99.LegendText = "p99";
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].IsBaseline)
            {
                var line = plot.Add.VerticalLine(i, 1.2f, ChartStyle.Colour(2), LinePattern.Dashed);
                line.LegendText = "baseline";
            }
        }

        // Run ids start with the date, so their first characters are the same for a day's runs: the start time tells runs
        // apart. Every run is labelled when there are few, else every other one.
        var step = points.Count > 10 ? 2 : 1;
        var ticks = new NumericManual();
        for (var i = 0; i < points.Count; i += step)
        {
            ticks.AddMajor(i, points[i].StartedAt.UtcDateTime.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        ChartStyle.LegendInside(plot);
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(limits.Top * 1.25, 1e-9));
        plot.Axes.SetLimitsX(-0.5, points.Count - 0.5);
        return plot;
    };

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
