namespace Harness.Load;

/// <summary>Takes snapshots on the aggregator's own thread (so its histograms need no lock) at most once per interval, then a final one.</summary>
internal sealed class SnapshotPublisher(LoadAggregator aggregator, ILoadExecution executor, TimeProvider time, TimeSpan interval, Action<LoadSnapshot> sink)
{
    // The last buckets may still receive late samples, so each snapshot repeats them.
    private const int Overlap = 2;
    private long last = time.GetTimestamp();
    private int sentSeconds;

    public void AfterBatch()
    {
        if (time.GetElapsedTime(last) < interval)
        {
            return;
        }

        last = time.GetTimestamp();
        var window = Math.Max(0, (time.GetTimestamp() - executor.MainStart) / (double)time.TimestampFrequency);
        Publish(aggregator.Snapshot(Math.Max(0, sentSeconds - Overlap), window, executor.AbandonedArrivals, executor.MaxInFlight, interrupted: false, final: false));
    }

    public void Final()
    {
        var totals = LoadResultBuilder.Totals(executor, time);
        var snapshot = aggregator.Snapshot(0, totals.WindowSeconds, totals.AbandonedArrivals, totals.MaxInFlight, totals.Interrupted, final: true);
        if (totals.LeftBehind > 0)
        {
            // Iterations the closing run left behind travel as interrupted ones, so the merge counts them like one process would.
            var counters = new SortedDictionary<string, long>(snapshot.Counters.ToDictionary(), StringComparer.Ordinal);
            counters["interrupted_iterations"] = counters.GetValueOrDefault("interrupted_iterations") + totals.LeftBehind;
            snapshot = snapshot with { Counters = counters };
        }

        Publish(snapshot);
    }

    private void Publish(LoadSnapshot snapshot)
    {
        sentSeconds = aggregator.Seconds.Count;
        sink(snapshot);
    }
}
