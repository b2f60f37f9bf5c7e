using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Load;

/// <summary>Parses and prints k6-style durations: <c>500ms</c>, <c>12s</c>, <c>1m30s</c>, <c>2h</c>, <c>250us</c>.</summary>
public static class Durations
{
    /// <summary>
    /// Reads a duration such as <c>1m30s</c> (Go's syntax, as k6 reads it); parts may stand apart (<c>1m 30s</c>).
    /// False when the text is not one, has a part without a unit, or is negative: no scenario lasts less than nothing.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var ticks = 0L;
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!GoDuration.TryParseGo(part, out var v) || v < TimeSpan.Zero || v.Ticks > long.MaxValue - ticks)
            {
                return false;
            }

            ticks += v.Ticks;
        }

        value = TimeSpan.FromTicks(ticks);
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
