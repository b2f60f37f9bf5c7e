using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Cli.Client;

/// <summary>Durations written as faas-cli takes them (<c>90s</c>, <c>10m</c>, <c>1h30m</c>); a bare integer means seconds.</summary>
internal static partial class ShortDuration
{
    public static TimeSpan? TryParse(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var unitAt = capture.Value.IndexOfAny(['h', 'm', 's']);
            var value = double.Parse(capture.Value[..unitAt], CultureInfo.InvariantCulture);
            total += capture.Value[unitAt..] switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(h|ms|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
