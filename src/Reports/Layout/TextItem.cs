using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>A run of text at a baseline.</summary>
internal sealed class TextItem(float x, float baseline, string text, bool bold, float size, SKColor color, SKTextAlign align = SKTextAlign.Left) : PageItem
{
    public string Text => text;

    public override void Draw(SKCanvas canvas, DrawContext context)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, baseline, align, context.Fonts.Get(bold, size), paint);
    }
}
