using System.Globalization;

namespace Harness.Platform.Contracts;

/// <summary>
/// The one duration parser: Go's <c>time.ParseDuration</c> (<c>1m30s</c>, <c>1.5s</c>, <c>-250us</c>), and for OpenFaaS
/// values (timeouts, scaling labels, <c>X-Timeout</c>) also a bare integer meaning seconds, as of-watchdog reads them.
/// </summary>
/// <remarks>
/// One source for every project that reads durations: Platform compiles it, the NativeAOT watchdog (which references
/// no project) and Harness.Load (whose k6 <c>Durations</c> and, through its internals, the CLI use it) link this file,
/// so it stays internal: a public copy in each would make the name ambiguous where two of them are visible.
/// Like Go it sums in nanoseconds with overflow checks and accepts a sign; callers that need a non-negative value say so.
/// Unlike Go it ignores white space around the value, as every earlier reader here did.
/// </remarks>
internal static class GoDuration
{
    // The largest bare second count whose nanoseconds still fit Go's int64 Duration.
    private const long MaxBareSeconds = long.MaxValue / 1_000_000_000;
    private const ulong MaxNanoseconds = 1UL << 63;

    /// <summary>An OpenFaaS duration: a bare non-negative integer (seconds) or a Go duration.</summary>
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
            if (seconds > MaxBareSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TryParseGo(s, out value);
    }

    /// <summary>Parses or returns <paramref name="fallback"/>, as OpenFaaS does with a bad value.</summary>
    public static TimeSpan ParseOr(string? text, TimeSpan fallback) => TryParse(text, out var v) ? v : fallback;

    /// <summary>Go's grammar only, <c>[-+]?([0-9]*(\.[0-9]*)?unit)+</c> or <c>0</c>: a bare number other than 0 has no unit and fails.</summary>
    public static bool TryParseGo(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!TryReadTerm(ref s, out var nanoseconds) || nanoseconds > MaxNanoseconds - total)
            {
                return false;
            }

            total += nanoseconds;
        }

        if (!negative && total > long.MaxValue)
        {
            return false;
        }

        // TimeSpan counts 100 ns ticks: the nanoseconds below a tick are dropped, toward zero as Go's Duration.Truncate.
        var ticks = (long)(total / 100);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>One <c>number unit</c> term, in nanoseconds; false on a missing number or unit, an unknown unit or overflow.</summary>
    private static bool TryReadTerm(ref ReadOnlySpan<char> s, out ulong nanoseconds)
    {
        nanoseconds = 0;
        if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
        {
            return false;
        }

        var digits = CountDigits(s);
        var whole = 0UL;
        foreach (var c in s[..digits])
        {
            if (whole > MaxNanoseconds / 10)
            {
                return false;
            }

            whole = (whole * 10) + (ulong)(c - '0');
            if (whole > MaxNanoseconds)
            {
                return false;
            }
        }

        var hasWhole = digits > 0;
        s = s[digits..];
        var fraction = 0UL;
        var scale = 1.0;
        var hasFraction = false;
        if (!s.IsEmpty && s[0] == '.')
        {
            s = s[1..];
            var fractionDigits = CountDigits(s);
            hasFraction = fractionDigits > 0;
            var overflow = false;
            foreach (var c in s[..fractionDigits])
            {
                // Go stops taking precision once more digits would overflow; the rest are still consumed.
                var next = (fraction * 10) + (ulong)(c - '0');
                overflow = overflow || fraction > long.MaxValue / 10 || next > MaxNanoseconds;
                if (!overflow)
                {
                    fraction = next;
                    scale *= 10;
                }
            }

            s = s[fractionDigits..];
        }

        if (!hasWhole && !hasFraction)
        {
            return false;
        }

        var unitLength = 0;
        while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
        {
            unitLength++;
        }

        ulong? unit = s[..unitLength] switch
        {
            "ns" => 1,
            "us" or "µs" or "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => null,
        };
        s = s[unitLength..];
        if (unit is not { } perUnit || whole > MaxNanoseconds / perUnit)
        {
            return false;
        }

        nanoseconds = whole * perUnit;
        if (fraction > 0)
        {
            // As Go: a double is exact enough for the fraction of the largest unit (3.6e12 ns in an hour).
            nanoseconds += (ulong)(fraction * (perUnit / scale));
            if (nanoseconds > MaxNanoseconds)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        while (n < s.Length && char.IsAsciiDigit(s[n]))
        {
            n++;
        }

        return n;
    }
}
