using System.Globalization;

namespace Harness.Platform.Contracts;

/// <summary>OpenFaaS durations: a bare integer means seconds, otherwise a Go duration such as <c>1m30s</c> or <c>500ms</c>.</summary>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        double totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i)
            {
                return false;
            }

            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsLetter(s[i]))
            {
                i++;
            }

            double? unitMs = s.AsSpan(unitStart, i - unitStart) switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (unitMs is null)
            {
                return false;
            }

            totalMs += number * unitMs.Value;
        }

        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Parses or returns <paramref name="fallback"/>, as OpenFaaS does with a bad value.</summary>
    public static TimeSpan ParseOr(string? text, TimeSpan fallback) => TryParse(text, out var v) ? v : fallback;
}
