using System.Globalization;

namespace Harness.Node;

/// <summary>Sizes as fio writes them: <c>22m</c>, <c>512k</c>, <c>1g</c> (binary units) or plain bytes.</summary>
internal static class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant().TrimEnd('b').TrimEnd('i');
        long unit = 1;
        if (t.Length > 0 && "kmg".Contains(t[^1], StringComparison.Ordinal))
        {
            unit = t[^1] switch { 'k' => 1024L, 'm' => 1024L * 1024, _ => 1024L * 1024 * 1024 };
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        bytes = (long)(value * unit);
        return true;
    }
}
