using Harness.Reports.Charts;
using ScottPlot;

namespace Harness.Reports.Tests.Charts;

public sealed class BarChartTests
{
    [Fact]
    public void The_log_axis_ends_late_enough_for_every_value_label_after_its_bar()
    {
        // The public-cloud comparison's rows: Lambda .NET 8's label was cut off at the right edge ("642 m").
        HorizontalBar[] rows =
        [
            new("this platform: echo-cat cold", 49.9, Colors.Blue, "47.1 ms – 49.9 ms", 47.1),
            new("Lambda init: Java 21", 601, Colors.Orange, "239 ms – 601 ms", 239),
            new("Lambda init: .NET 8", 642, Colors.Orange, "251 ms – 642 ms", 251),
            new("Cloudflare isolate warm-up", 5, Colors.Green, "< 5.00 ms"),
        ];
        const double lo = 0;

        var hi = BarChart.UpperLimit(rows, lo);

        foreach (var r in rows)
        {
            var labelFraction = (r.ValueLabel.Length + 1) * 6.4 / 330;
            Assert.True(Math.Log10(r.Value) + (labelFraction * (hi - lo)) <= hi + 1e-9, $"{r.Label}: label runs past the axis end {hi:0.00}");
        }

        // Still a tight axis: under a decade beyond the largest value.
        Assert.InRange(hi, Math.Log10(642), Math.Log10(642) + 1.5);
    }

    [Fact]
    public void The_chart_uses_the_widened_axis()
    {
        HorizontalBar[] rows = [new("a", 642, Colors.Orange, "251 ms – 642 ms", 251), new("b", 5, Colors.Green, "< 5.00 ms")];
        var plot = BarChart.Horizontal(rows, "ms")();
        Assert.Equal(BarChart.UpperLimit(rows, 0), plot.Axes.Bottom.Max, 6);
    }
}
