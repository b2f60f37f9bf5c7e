using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A straight line.</summary>
internal sealed class LineItem(float x0, float y0, float x1, float y1, SKColor color, float width = 0.5f) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(x0, y0, x1, y1, paint);
    }
}
