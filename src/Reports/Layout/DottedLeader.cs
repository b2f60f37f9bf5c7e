using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>The dots between a contents entry and its page number.</summary>
internal sealed class DottedLeader(float x0, float x1, float y) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        using var effect = SKPathEffect.CreateDash([0.8f, 2.6f], 0);
        using var paint = new SKPaint { Color = Theme.Muted, StrokeWidth = 0.8f, PathEffect = effect, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(x0, y, x1, y, paint);
    }
}
