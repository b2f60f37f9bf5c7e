using System.Globalization;

namespace Harness.Scenarios;

/// <summary>The <c>capacity:</c> section: an open-model arrival rate raised window by window until one of <see cref="Breaks"/> fails.</summary>
public sealed record CapacityOptions
{
    /// <summary>Most windows a capacity scenario may plan, so a typo in <c>step</c> cannot plan hours.</summary>
    public const int MaxWindows = 100;

    /// <summary>The breaking conditions a window's result must meet to hold (threshold expressions).</summary>
    public static readonly IReadOnlyList<string> DefaultBreaks = ["p99 < 1s", "error_rate < 1%", "dropped == 0"];

    /// <summary>Arrival rate of the first window, per second.</summary>
    public double StartRate { get; init; } = 10;
    /// <summary>Rate added from one window to the next, per second (unless <see cref="Factor"/> is set).</summary>
    public double Step { get; init; } = 10;
    /// <summary>When set, each window's rate is the previous one's times this (a geometric ramp) instead of plus <see cref="Step"/>.</summary>
    public double? Factor { get; init; }
    /// <summary>Windows run after the first break, each halving the gap between the highest rate that held and the lowest that broke.</summary>
    public int Refine { get; init; }
    /// <summary>Length of each window.</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The highest rate tried; a target that holds it has a capacity of at least this.</summary>
    public double MaxRate { get; init; } = 100;
    /// <summary>True: each window ramps linearly from the previous rate (no jumps); false: each window holds its rate.</summary>
    public bool Continuous { get; init; }
    /// <summary>Expressions every window must meet, such as <c>p99 &lt; 250ms</c>, <c>error_rate &lt; 1%</c>, <c>dropped == 0</c>.</summary>
    public IReadOnlyList<string> Breaks { get; init; } = DefaultBreaks;
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Most concurrent iterations; beyond it arrivals are dropped (and <c>dropped == 0</c> breaks).</summary>
    public int MaxVus { get; init; } = 1000;

    /// <summary>Most windows a run of this section can take: the ramp, then the refinement.</summary>
    public int MostWindows => Rates().Count + Refine;

    /// <summary>The ramp's planned rates, window by window, from <see cref="StartRate"/> up to <see cref="MaxRate"/> (the refinement's depend on the results).</summary>
    public IReadOnlyList<double> Rates()
    {
        var rates = new List<double>();
        for (var i = 0; i < MaxWindows; i++)
        {
            var rate = Factor is { } factor ? StartRate * Math.Pow(factor, i) : StartRate + (i * Step);
            // Relative, so that 50 × 2^9 still counts as the 25,600 it is meant to be.
            if (rate > MaxRate * (1 + 1e-9))
            {
                break;
            }

            rates.Add(rate);
        }

        return rates;
    }

    /// <summary>How the ramp grows, for the load model's description: <c>+25/s</c> or <c>×2</c>.</summary>
    public string Growth() => Factor is { } factor
        ? string.Create(CultureInfo.InvariantCulture, $"×{factor:0.##}")
        : string.Create(CultureInfo.InvariantCulture, $"+{Step:0.##}/s");
}
