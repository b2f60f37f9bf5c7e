using ScottPlot;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A ScottPlot chart rendered as vectors into a rectangle of the page.</summary>
internal sealed class ChartItem(SKRect rect, Func<Plot> build) : PageItem
{
    /// <summary>Charts are laid out in a larger virtual box and scaled down, so ScottPlot's pixel sizes read as small print.</summary>
    public const float Scale = 0.72f;

    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        using var plot = build();
        canvas.Save();
        canvas.ClipRect(rect);
        canvas.Translate(rect.Left, rect.Top);
        canvas.Scale(Scale);
        plot.Render(canvas, new PixelRect(0, rect.Width / Scale, rect.Height / Scale, 0));
        canvas.Restore();
    }
}
