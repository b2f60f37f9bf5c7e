using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>SKFont objects by face and size for one render; not shared between threads.</summary>
internal sealed class FontCache(FontSet fonts) : IDisposable
{
    private readonly Dictionary<(bool Bold, float Size), SKFont> _fonts = [];

    public FontSet Set => fonts;

    public SKFont Get(bool bold, float size)
    {
        if (!_fonts.TryGetValue((bold, size), out var font))
        {
            font = new SKFont(bold ? fonts.Bold : fonts.Regular, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };
            _fonts[(bold, size)] = font;
        }

        return font;
    }

    public float Measure(string text, bool bold, float size) => Get(bold, size).MeasureText(text);

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
    }
}
