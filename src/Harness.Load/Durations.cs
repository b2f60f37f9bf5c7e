using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Load;

/// <summary>Parses and prints k6-style durations: <c>500ms</c>, <c>12s</c>, <c>1m30s</c>, <c>2h</c>, <c>250us</c>.</summary>
public static partial class Durations
{
    [GeneratedRegex(@"^\s*(?:(?<n>\d+(?:\.\d+)?)(?<u>h|ms|m|s|us|µs)\s*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Reads a duration such as <c>1m30s</c>; false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        double ms = 0;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            ms += match.Groups["u"].Captures[i].Value switch
            {
                "h" => n * 3_600_000,
                "m" => n * 60_000,
                "s" => n * 1000,
                "ms" => n,
                _ => n / 1000,
            };
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Prints a duration in the shortest k6 spelling that is exact enough to read back.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.TotalMilliseconds < 1)
        {
            return $"{value.TotalMicroseconds.ToString("0.###", CultureInfo.InvariantCulture)}us";
        }

        if (value.TotalSeconds < 1)
        {
            return $"{value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        }

        if (value.TotalMinutes < 1 || value.TotalSeconds % 60 != 0)
        {
            return $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        }

        return value.TotalHours >= 1 && value.TotalMinutes % 60 == 0
            ? $"{value.TotalHours.ToString("0", CultureInfo.InvariantCulture)}h"
            : $"{value.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)}m";
    }
}
