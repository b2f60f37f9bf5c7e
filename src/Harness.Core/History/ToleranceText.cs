using System.Globalization;

namespace Harness.History;

/// <summary>Parses tolerances as written in scenario files and on the command line ("10%", "10").</summary>
internal static class ToleranceText
{
    /// <summary>"10%", "10" or "2.5%" → fraction; null when unparsable, negative or not finite.</summary>
    public static double? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = text.Trim().TrimEnd('%').Trim();
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v / 100 : null;
    }
}
