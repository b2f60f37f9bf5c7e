using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Harness.Reports.Charts;

/// <summary>Log-scaled axes: data is plotted as log10 and the ticks are labelled with the real values.</summary>
internal static class LogAxis
{
    public static double ToLog(double value) => Math.Log10(Math.Max(value, 1e-9));

    /// <summary>Decade ticks (with 2 and 5 in between when the range is short) labelled by <paramref name="format"/>.</summary>
    public static void Apply(IAxis axis, double minLog, double maxLog, Func<double, string> format)
    {
        var ticks = new NumericManual();
        var lo = (int)Math.Floor(minLog);
        var hi = (int)Math.Ceiling(maxLog);
        var dense = hi - lo <= 3;
        for (var e = lo; e <= hi; e++)
        {
            foreach (var m in dense ? new[] { 1.0, 2, 5 } : [1.0])
            {
                var v = m * Math.Pow(10, e);
                var lv = Math.Log10(v);
                if (lv >= minLog - 1e-9 && lv <= maxLog + 1e-9)
                {
                    ticks.AddMajor(lv, format(v));
                }
            }

            for (var m = 2; m <= 9; m++)
            {
                var lv = Math.Log10(m * Math.Pow(10, e));
                if (lv >= minLog && lv <= maxLog)
                {
                    ticks.AddMinor(lv);
                }
            }
        }

        axis.TickGenerator = ticks;
    }

    public static string Milliseconds(double v) => v >= 1000 ? $"{v / 1000:0.#} s" : v >= 1 ? $"{v:0.#} ms" : $"{v * 1000:0} µs";

    public static string Count(double v) => v switch
    {
        >= 1e9 => (v / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1e6 => (v / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => v.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Dollars(double v) => v >= 1 ? "$" + v.ToString("#,0", CultureInfo.InvariantCulture) : "$" + v.ToString("0.##", CultureInfo.InvariantCulture);
}
