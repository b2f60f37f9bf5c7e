using ScottPlot;
using ScottPlot.TickGenerators;

namespace Harness.Reports.Charts;

/// <summary>Grouped vertical bars (e.g. p50/p90/p99/max per stage) and labelled horizontal bars (comparisons).</summary>
internal static class BarChart
{
    public static Func<Plot> Grouped(IReadOnlyList<string> groups, IReadOnlyList<string> seriesNames, double[][] values, string yLabel) => () =>
    {
        var plot = ChartStyle.Create(yLabel: yLabel);
        var ticks = new NumericManual();
        var n = seriesNames.Count;
        var width = 0.8 / n;
        for (var s = 0; s < n; s++)
        {
            var bars = new List<Bar>();
            for (var g = 0; g < groups.Count; g++)
            {
                bars.Add(new Bar
                {
                    Position = g - 0.4 + width * (s + 0.5),
                    Value = values[g][s],
                    Size = width * 0.9,
                    FillColor = ChartStyle.Colour(s),
                    LineWidth = 0,
                    Label = values[g][s].ToString(values[g][s] >= 100 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            var series = plot.Add.Bars(bars);
            series.LegendText = seriesNames[s];
            series.ValueLabelStyle.FontSize = 9;
        }

        for (var g = 0; g < groups.Count; g++)
        {
            ticks.AddMajor(g, groups[g]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        var max = values.SelectMany(v => v).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, Math.Max(max, 1e-9) * 1.35);
        ChartStyle.LegendInside(plot);
        return plot;
    };

    /// <summary>One horizontal bar per row; rows with a Low value draw a range (Low..Value). Log x when the values span decades.</summary>
    public static Func<Plot> Horizontal(IReadOnlyList<HorizontalBar> rows, string xLabel) => () =>
    {
        var plot = ChartStyle.Create(xLabel: xLabel);
        var ticks = new NumericManual();
        var all = rows.SelectMany(r => new[] { r.Value, r.Low ?? r.Value }).Where(v => v > 0).ToList();
        var lo = Math.Floor(LogAxis.ToLog(all.Min()) - 0.05);
        var hi = UpperLimit(rows, lo);
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = rows.Count - 1 - i;
            bars.Add(new Bar
            {
                Position = y,
                ValueBase = r.Low is { } low ? LogAxis.ToLog(low) : lo,
                Value = LogAxis.ToLog(r.Value),
                Size = 0.7,
                FillColor = r.Colour,
                LineWidth = 0,
                Label = r.ValueLabel,
            });
            ticks.AddMajor(y, r.Label);
        }

        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontSize = 10;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 10.5f;
        LogAxis.Apply(plot.Axes.Bottom, lo, hi, LogAxis.Milliseconds);
        plot.Axes.SetLimits(lo, hi, -0.6, rows.Count - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    };

    // A value label at 10 pt is about 6.4 pt per character on a plot area about 330 pt wide (a full-width figure
    // minus the row labels): the axis has to end late enough that the longest label after its bar is not cut off.
    private const double LabelFractionPerCharacter = 6.4 / 330;

    /// <summary>The right end of the log axis (log10 units) that leaves room for each bar's value label.</summary>
    internal static double UpperLimit(IReadOnlyList<HorizontalBar> rows, double lo)
    {
        var hi = rows.Where(r => r.Value > 0).Max(r => LogAxis.ToLog(r.Value)) + 0.3;
        foreach (var r in rows.Where(r => r.Value > 0))
        {
            // The label starts at the bar's end and takes a fraction f of the axis: end + f·(hi − lo) ≤ hi.
            var f = Math.Min(0.6, (r.ValueLabel.Length + 1) * LabelFractionPerCharacter);
            hi = Math.Max(hi, (LogAxis.ToLog(r.Value) - (f * lo)) / (1 - f));
        }

        return hi;
    }
}
