using ScottPlot;

namespace Harness.Reports.Charts;

/// <summary>Monthly cost against requests per month (both log) for each FaaS price model, the flat VPS price, and the crossovers.</summary>
internal static class CostChart
{
    private const double FloorUsd = 0.1;

    public static Func<Plot> Build(IReadOnlyList<(string Name, Func<double, double> Cost, double? Crossover)> curves, double flatUsd, string flatLabel) => () =>
    {
        var plot = ChartStyle.Create(xLabel: "requests per month (log scale)", yLabel: "monthly cost, USD (log scale)");
        var lo = 5.0;
        var hi = Math.Max(10.0, Math.Ceiling(LogAxis.ToLog(curves.Select(c => c.Crossover ?? 1).DefaultIfEmpty(1).Max()) + 0.7));
        hi = Math.Min(hi, 12);
        var xs = Enumerable.Range(0, 241).Select(i => lo + (hi - lo) * i / 240).ToArray();
        var top = FloorUsd;
        for (var c = 0; c < curves.Count; c++)
        {
            var ys = xs.Select(x => LogAxis.ToLog(Math.Max(curves[c].Cost(Math.Pow(10, x)), FloorUsd))).ToArray();
            top = Math.Max(top, Math.Pow(10, ys.Max()));
            var line = plot.Add.ScatterLine(xs, ys, ChartStyle.Colour(c));
            line.LineWidth = 1.8f;
            line.LegendText = curves[c].Crossover is { } n && LogAxis.ToLog(n) <= hi ? $"{curves[c].Name}: crosses at {LogAxis.Count(n)}/month" : curves[c].Name;
        }

        var flat = plot.Add.HorizontalLine(LogAxis.ToLog(flatUsd), 2f, ChartStyle.Ink, LinePattern.Dashed);
        flat.LegendText = flatLabel;
        for (var c = 0; c < curves.Count; c++)
        {
            if (curves[c].Crossover is { } n && LogAxis.ToLog(n) <= hi)
            {
                var marker = plot.Add.Marker(LogAxis.ToLog(n), LogAxis.ToLog(flatUsd), MarkerShape.FilledCircle, 9, ChartStyle.Colour(c));
                marker.LegendText = "";
            }
        }

        var yLo = LogAxis.ToLog(FloorUsd);
        var yHi = LogAxis.ToLog(Math.Max(top, flatUsd * 10)) + 0.1;
        LogAxis.Apply(plot.Axes.Bottom, lo, hi, LogAxis.Count);
        LogAxis.Apply(plot.Axes.Left, yLo, yHi, LogAxis.Dollars);
        plot.Axes.SetLimits(lo, hi, yLo, yHi);
        ChartStyle.LegendBelow(plot);
        return plot;
    };
}
