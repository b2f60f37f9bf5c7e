using Harness.Results;
using ScottPlot;

namespace Harness.Reports.Charts;

/// <summary>Lines over time for one or more series sharing a unit.</summary>
internal static class SeriesChart
{
    /// <param name="xLabel">The x axis; series whose points are not over time (latency against rate) name theirs.</param>
    public static Func<Plot> Lines(string yLabel, IReadOnlyList<TimeSeries> series, bool startAtZero = true, string xLabel = "time since scenario start (s)") => () =>
    {
        var plot = ChartStyle.Create(xLabel: xLabel, yLabel: yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var xs = s.Points.Select(p => p.T).ToArray();
            var ys = s.Points.Select(p => double.IsFinite(p.Value) ? p.Value : 0).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, ChartStyle.Colour(i));
            line.LineWidth = 1.6f;
            if (series.Count > 1)
            {
                line.LegendText = s.Name;
            }

            if (xs.Length <= 40)
            {
                line.MarkerSize = 3;
                line.MarkerShape = MarkerShape.FilledCircle;
            }
        }

        if (series.Count > 1)
        {
            ChartStyle.LegendInside(plot);
        }

        plot.Axes.AutoScale();
        if (startAtZero)
        {
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(0, Math.Max(limits.Top * (series.Count > 1 ? 1.25 : 1.08), 1e-9));
        }

        return plot;
    };

    /// <summary>Two panels' worth in one: a left axis for one group and a right axis for another (e.g. req/s and errors/s).</summary>
    public static Func<Plot> DualAxis(TimeSeries left, string leftLabel, IReadOnlyList<TimeSeries> right, string rightLabel) => () =>
    {
        var plot = ChartStyle.Create(xLabel: "time since scenario start (s)", yLabel: leftLabel);
        var main = plot.Add.ScatterLine(left.Points.Select(p => p.T).ToArray(), left.Points.Select(p => p.Value).ToArray(), ChartStyle.Colour(0));
        main.LineWidth = 1.6f;
        main.LegendText = left.Name;
        var max = 0.0;
        for (var i = 0; i < right.Count; i++)
        {
            var s = right[i];
            var line = plot.Add.ScatterLine(s.Points.Select(p => p.T).ToArray(), s.Points.Select(p => p.Value).ToArray(), ChartStyle.Colour(i + 1));
            line.LineWidth = 1.3f;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = s.Name;
            line.Axes.YAxis = plot.Axes.Right;
            max = Math.Max(max, s.Points.Count == 0 ? 0 : s.Points.Max(p => p.Value));
        }

        plot.Axes.Right.Label.Text = rightLabel;
        plot.Axes.Right.Label.FontSize = 12;
        plot.Axes.Right.TickLabelStyle.FontSize = 11;
        plot.Axes.Right.FrameLineStyle.Width = 1;
        ChartStyle.LegendInside(plot);
        plot.Axes.AutoScale();
        var l = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(l.Top * 1.25, 1), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(max * 1.3, 1), plot.Axes.Right);
        return plot;
    };
}
