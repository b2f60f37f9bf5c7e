using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A filled (optionally rounded) rectangle, or a hairline when <c>stroke</c> is set.</summary>
internal sealed class RectItem(SKRect rect, SKColor color, float radius = 0, float stroke = 0) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        using var paint = new SKPaint
        {
            Color = color,
            IsAntialias = true,
            Style = stroke > 0 ? SKPaintStyle.Stroke : SKPaintStyle.Fill,
            StrokeWidth = stroke,
        };
        if (radius > 0)
        {
            canvas.DrawRoundRect(rect, radius, radius, paint);
        }
        else
        {
            canvas.DrawRect(rect, paint);
        }
    }
}
