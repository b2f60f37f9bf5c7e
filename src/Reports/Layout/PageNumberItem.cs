using System.Globalization;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>The page an anchor landed on, right-aligned; known only after layout, so drawn late.</summary>
internal sealed class PageNumberItem(float right, float baseline, string anchor, float size) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        var text = context.AnchorPages.TryGetValue(anchor, out var page) ? page.ToString(CultureInfo.InvariantCulture) : "?";
        using var paint = new SKPaint { Color = Theme.Ink, IsAntialias = true };
        canvas.DrawText(text, right, baseline, SKTextAlign.Right, context.Fonts.Get(false, size), paint);
    }
}
