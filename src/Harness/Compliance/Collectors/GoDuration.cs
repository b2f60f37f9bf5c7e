using System.Globalization;

namespace Harness.Compliance.Collectors;

/// <summary>The watchdog's duration syntax: Go's "1m30s", "500ms", or a bare integer meaning seconds.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var t = text.Trim();
        if (t.Length == 0)
        {
            return false;
        }

        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var total = 0.0;
        var i = 0;
        while (i < t.Length)
        {
            var start = i;
            while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(t.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < t.Length && !char.IsAsciiDigit(t[i]) && t[i] != '.')
            {
                i++;
            }

            double? ms = t[unitStart..i] switch
            {
                "ns" => number / 1e6,
                "us" or "µs" => number / 1e3,
                "ms" => number,
                "s" => number * 1e3,
                "m" => number * 60e3,
                "h" => number * 3600e3,
                _ => null,
            };
            if (ms is null)
            {
                return false;
            }

            total += ms.Value;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
