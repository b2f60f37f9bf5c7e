using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A clickable area that jumps to a named destination.</summary>
internal sealed class LinkItem(SKRect rect, string destination) : PageItem
{
    public override void Draw(SKCanvas canvas, DrawContext context) => canvas.DrawLinkDestinationAnnotation(rect, destination);
}
