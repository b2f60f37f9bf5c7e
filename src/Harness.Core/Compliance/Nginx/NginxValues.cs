using System.Globalization;

namespace Harness.Compliance.Nginx;

/// <summary>nginx's time ("1m30s", "500ms", "60" = seconds) and size ("10m", "1k", "0") notations.</summary>
internal static class NginxValues
{
    public static bool TryParseTime(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var rest = text.Trim();
        if (rest.Length == 0)
        {
            return false;
        }

        if (long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            value = TimeSpan.FromSeconds(bare);
            return true;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < rest.Length)
        {
            var start = i;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                i++;
            }

            if (start == i || !long.TryParse(rest.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < rest.Length && char.IsAsciiLetter(rest[i]))
            {
                i++;
            }

            TimeSpan? part = rest[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" or "" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                "w" => TimeSpan.FromDays(7 * number),
                "M" => TimeSpan.FromDays(30 * number),
                "y" => TimeSpan.FromDays(365 * number),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            total += part.Value;
        }

        value = total;
        return true;
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var t = text.Trim();
        if (t.Length == 0)
        {
            return false;
        }

        long multiplier = char.ToLowerInvariant(t[^1]) switch
        {
            'k' => 1024,
            'm' => 1024 * 1024,
            'g' => 1024 * 1024 * 1024,
            _ => 1,
        };
        var digits = multiplier == 1 ? t : t[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }
}
