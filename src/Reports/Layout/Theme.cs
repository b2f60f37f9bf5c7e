using Harness.Reports.Model;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>Page geometry (A4 in points), type sizes and colours shared by the layout and the charts.</summary>
internal static class Theme
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float MarginLeft = 54;
    public const float MarginRight = 54;
    public const float MarginTop = 66;
    public const float MarginBottom = 58;
    public const float ContentLeft = MarginLeft;
    public const float ContentRight = PageWidth - MarginRight;
    public const float ContentWidth = ContentRight - ContentLeft;
    public const float ContentTop = MarginTop;
    public const float ContentBottom = PageHeight - MarginBottom;

    public const float BodySize = 9.5f;
    public const float SmallSize = 7.5f;
    public const float TableSize = 8f;
    public const float CaptionSize = 8f;
    public const float H1Size = 19f;
    public const float H2Size = 12.5f;
    public const float LineFactor = 1.38f;

    public static readonly SKColor Ink = new(0x1F, 0x29, 0x37);
    public static readonly SKColor Muted = new(0x6B, 0x72, 0x80);
    public static readonly SKColor Heading = new(0x1E, 0x3A, 0x5F);
    public static readonly SKColor Accent = new(0x25, 0x63, 0xEB);
    public static readonly SKColor Rule = new(0xD1, 0xD5, 0xDB);
    public static readonly SKColor Zebra = new(0xF5, 0xF6, 0xF8);
    public static readonly SKColor TileFill = new(0xF8, 0xFA, 0xFC);

    public static SKColor Strong(Tone tone) => tone switch
    {
        Tone.Good => new SKColor(0x15, 0x80, 0x3D),
        Tone.Bad => new SKColor(0xB9, 0x1C, 0x1C),
        Tone.Warn => new SKColor(0xB4, 0x53, 0x09),
        Tone.Info => new SKColor(0x1D, 0x4E, 0xD8),
        _ => new SKColor(0x4B, 0x55, 0x63),
    };

    public static SKColor Soft(Tone tone) => tone switch
    {
        Tone.Good => new SKColor(0xDC, 0xFC, 0xE7),
        Tone.Bad => new SKColor(0xFE, 0xE2, 0xE2),
        Tone.Warn => new SKColor(0xFE, 0xF3, 0xC7),
        Tone.Info => new SKColor(0xDB, 0xEA, 0xFE),
        _ => new SKColor(0xF3, 0xF4, 0xF6),
    };
}
