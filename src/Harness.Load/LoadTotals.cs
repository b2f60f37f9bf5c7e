namespace Harness.Load;

/// <summary>
/// The executor's side of a result: the measured window in seconds, whether it was stopped, arrivals never sent, peak
/// concurrency, and iterations still running when the run closed (counted as interrupted).
/// </summary>
internal sealed record LoadTotals(double WindowSeconds, bool Interrupted, long AbandonedArrivals, int MaxInFlight, long LeftBehind = 0);
