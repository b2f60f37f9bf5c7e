using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A named PDF destination that links and outline entries jump to.</summary>
internal sealed class DestinationItem(float x, float y, string name) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context) => canvas.DrawNamedDestinationAnnotation(new SKPoint(x, y), name);
}
