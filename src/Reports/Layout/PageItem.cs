using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>Something placed on a page by the layout, drawn in the second pass.</summary>
internal abstract class PageItem
{
    public abstract void Draw(SKCanvas canvas, DrawContext context);
}
