using Harness.Reports.Layout;
using ScottPlot;
using SkiaSharp;

namespace Harness.Reports.Charts;

/// <summary>Hands ScottPlot the report's own typefaces, so charts use the page font and the PDF embeds it once.</summary>
internal sealed class DejaVuFontResolver(FontSet fonts) : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
        => string.Equals(fontName, FontSet.Family, StringComparison.OrdinalIgnoreCase) ? (bold ? fonts.Bold : fonts.Regular) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing)
        => CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
}
