namespace Harness.Load;

/// <summary>The executor's side of a result: the measured window in seconds, whether it was stopped, arrivals never sent, and peak concurrency.</summary>
internal sealed record LoadTotals(double WindowSeconds, bool Interrupted, long AbandonedArrivals, int MaxInFlight);
