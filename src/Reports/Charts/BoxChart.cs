using Harness.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Harness.Reports.Charts;

/// <summary>Box plots of raw sample sets (box: quartiles, whiskers: min and max, dots: each sample), with an optional baseline.</summary>
internal static class BoxChart
{
    public static Func<Plot> Boxes(IReadOnlyList<SampleSet> sets, string yLabel, double? baseline = null, string? baselineLabel = null) => () =>
    {
        var plot = ChartStyle.Create(yLabel: yLabel);
        var ticks = new NumericManual();
        var all = sets.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        var log = all.Count > 0 && all.Min() > 0 && all.Max() / all.Min() > 50;
        double T(double v) => log ? LogAxis.ToLog(v) : v;
        for (var i = 0; i < sets.Count; i++)
        {
            var sorted = sets[i].Values.Where(double.IsFinite).Order().ToList();
            ticks.AddMajor(i, $"{sets[i].Name}\n(n={sorted.Count})");
            if (sorted.Count == 0)
            {
                continue;
            }

            var colour = ChartStyle.Colour(i);
            var box = plot.Add.Box(new Box
            {
                Position = i,
                BoxMin = T(Quantiles.Of(sorted, 0.25)),
                BoxMax = T(Quantiles.Of(sorted, 0.75)),
                BoxMiddle = T(Quantiles.Of(sorted, 0.5)),
                WhiskerMin = T(sorted[0]),
                WhiskerMax = T(sorted[^1]),
            });
            box.FillColor = colour.WithAlpha(0.25);
            box.LineColor = colour;

            if (sorted.Count > 150)
            {
                continue;
            }

            // Jitter is deterministic so the same results give the same picture.
            var xs = sorted.Select((_, k) => i + 0.3 * ((k * 7919 % 13) / 12.0 - 0.5)).ToArray();
            var dots = plot.Add.ScatterPoints(xs, sorted.Select(T).ToArray(), colour.WithAlpha(0.7));
            dots.MarkerSize = 3.5f;
        }

        if (baseline is { } b && b > 0)
        {
            plot.Add.HorizontalLine(T(b), 1.4f, ChartStyle.Colour(2), LinePattern.Dashed);
            var label = plot.Add.Text(baselineLabel ?? "baseline", sets.Count == 1 ? -1.45 : -0.55, T(b));
            label.LabelFontSize = 11;
            label.LabelFontColor = ChartStyle.Colour(2);
            label.LabelAlignment = Alignment.LowerLeft;
            label.LabelOffsetY = -3;
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(sets.Count == 1 ? -1.5 : -0.6, sets.Count == 1 ? 1.5 : sets.Count - 0.4);
        if (all.Count > 0)
        {
            var lo = Math.Min(all.Min(), baseline ?? double.MaxValue);
            var hi = Math.Max(all.Max(), baseline ?? 0);
            if (log)
            {
                LogAxis.Apply(plot.Axes.Left, LogAxis.ToLog(lo) - 0.1, LogAxis.ToLog(hi) + 0.1, LogAxis.Milliseconds);
                plot.Axes.SetLimitsY(LogAxis.ToLog(lo) - 0.1, LogAxis.ToLog(hi) + 0.1);
            }
            else
            {
                plot.Axes.SetLimitsY(0, hi * 1.1);
            }
        }

        return plot;
    };
}
