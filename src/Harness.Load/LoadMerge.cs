using Harness.Results;

namespace Harness.Load;

/// <summary>
/// One result from the snapshots of every agent of a distributed run: histograms added bucket by bucket (so a merged
/// percentile is the percentile of every sample, never an average of percentiles), counters and per-second buckets summed,
/// rates taken over the common window, and the scenario's thresholds judged on that merge.
/// </summary>
internal static class LoadMerge
{
    public static ScenarioResult Merge(ScenarioProps scenario, IReadOnlyList<LoadSnapshot> parts, DateTimeOffset startedAt, TimeSpan elapsed, string kind = "http")
    {
        var (shape, errors) = scenario.BuildShape();
        if (shape is null)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(scenario));
        }

        var merged = new LoadAggregator(TimeProvider.System, static () => 0);
        foreach (var part in parts)
        {
            merged.Absorb(part);
        }

        // The agents start together and share the plan's clock, so the longest window is the run's window.
        var totals = new LoadTotals(
            parts.Count == 0 ? 0 : parts.Max(p => p.WindowSeconds),
            parts.Any(p => p.Interrupted),
            parts.Sum(p => p.AbandonedArrivals),
            parts.Sum(p => p.MaxInFlight));
        return LoadResultBuilder.Build(scenario, shape, merged, totals, startedAt, elapsed, kind);
    }
}
