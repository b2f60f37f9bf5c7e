using Harness.Reports.Layout;
using ScottPlot;

namespace Harness.Reports.Charts;

/// <summary>One look for every chart: the report font, quiet grid, small labels and a fixed palette.</summary>
internal static class ChartStyle
{
    private static readonly Lock Gate = new();
    private static FontSet? _registered;

    public static readonly Color[] Palette =
    [
        Color.FromHex("#2563EB"), Color.FromHex("#DC2626"), Color.FromHex("#059669"), Color.FromHex("#D97706"),
        Color.FromHex("#7C3AED"), Color.FromHex("#0891B2"), Color.FromHex("#DB2777"), Color.FromHex("#4B5563"),
    ];

    public static readonly Color Ink = Color.FromHex("#1F2937");
    public static readonly Color Muted = Color.FromHex("#6B7280");

    /// <summary>Registers the report font with ScottPlot once per process.</summary>
    public static void Register(FontSet fonts)
    {
        lock (Gate)
        {
            if (_registered is not null)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new DejaVuFontResolver(fonts));
            Fonts.Default = FontSet.Family;
            _registered = fonts;
        }
    }

    public static Plot Create(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var plot = new Plot();
        plot.Font.Set(FontSet.Family);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E7EB");
        plot.Axes.Color(Color.FromHex("#4B5563"));
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        if (title is not null)
        {
            plot.Axes.Title.Label.Text = title;
            plot.Axes.Title.Label.FontSize = 14;
            plot.Axes.Title.Label.Bold = true;
            plot.Axes.Title.Label.ForeColor = Ink;
        }

        if (xLabel is not null)
        {
            plot.Axes.Bottom.Label.Text = xLabel;
        }

        if (yLabel is not null)
        {
            plot.Axes.Left.Label.Text = yLabel;
        }

        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = 12;
            axis.Label.Bold = false;
            axis.Label.ForeColor = Ink;
            axis.TickLabelStyle.FontSize = 11;
        }

        plot.Legend.FontSize = 11;
        plot.Legend.OutlineColor = Color.FromHex("#D1D5DB");
        return plot;
    }

    public static Color Colour(int index) => Palette[index % Palette.Length];

    public static void LegendBelow(Plot plot)
    {
        plot.Legend.IsVisible = true;
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>A compact legend inside the data area.</summary>
    public static void LegendInside(Plot plot, Alignment alignment = Alignment.UpperRight)
    {
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = alignment;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        plot.Legend.Orientation = Orientation.Horizontal;
    }
}
