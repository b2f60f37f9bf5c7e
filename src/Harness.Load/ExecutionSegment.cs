using System.Globalization;

namespace Harness.Load;

/// <summary>
/// One of <see cref="Count"/> equal parts of a plan, k6's <c>--execution-segment i/N:(i+1)/N</c>: the part one agent of a
/// distributed run executes.
/// </summary>
/// <remarks>
/// Open models: agent <see cref="Index"/> takes the arrivals whose index in the single-machine plan is ≡ Index (mod Count),
/// at the times that plan gives them, so every arrival belongs to exactly one agent whatever the rate, and the agents'
/// rates add up to the planned one (k6's segment sequence stripes equal segments the same way). Closed models: VU j of the
/// plan belongs to agent j mod Count, so at every instant the agents' VU counts add up to the plan's.
/// </remarks>
public sealed record ExecutionSegment
{
    /// <summary>The whole plan (one machine).</summary>
    public static ExecutionSegment Whole { get; } = new(0, 1);

    /// <summary>Part <paramref name="index"/> (0-based) of <paramref name="count"/>.</summary>
    public ExecutionSegment(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>Which part, from 0.</summary>
    public int Index { get; }

    /// <summary>How many parts the plan is cut into.</summary>
    public int Count { get; }

    /// <summary>True for the whole plan.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>The fraction of the plan this part runs.</summary>
    public double Share => 1.0 / Count;

    /// <summary>True when item <paramref name="globalIndex"/> of the whole plan (an arrival, a VU) is this part's.</summary>
    public bool Owns(long globalIndex) => globalIndex % Count == Index;

    /// <summary>How many of the first <paramref name="total"/> items of the whole plan are this part's.</summary>
    public long ShareOf(long total) => total <= Index ? 0 : ((total - Index - 1) / Count) + 1;

    /// <summary>This part's VUs when the whole plan runs <paramref name="vus"/>.</summary>
    public int ShareOf(int vus) => (int)ShareOf((long)vus);

    /// <summary>k6's notation, e.g. <c>1/4:2/4</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}:{Index + 1}/{Count}");

    /// <summary>Reads <c>i/N:(i+1)/N</c> (only equal parts are supported); null with a reason otherwise.</summary>
    public static ExecutionSegment? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split(':');
        if (parts.Length == 2 && Fraction(parts[0]) is var (a, n) && Fraction(parts[1]) is var (b, m) && n == m && b == a + 1 && n >= 1 && a >= 0 && b <= n)
        {
            return new ExecutionSegment((int)a, (int)n);
        }

        error = $"'{text}' is not an execution segment i/N:(i+1)/N (e.g. 0/4:1/4)";
        return null;
    }

    private static (long Numerator, long Denominator)? Fraction(string text)
    {
        var p = text.Split('/');
        return p.Length == 2
            && long.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var x)
            && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 0 and <= 10_000
            ? (x, y)
            : null;
    }
}
