namespace Harness.Bench;

/// <summary>One comparison: the baseline's rate, the watchdog's rate (medians of the rounds) and their ratio.</summary>
internal sealed record WatchdogBenchRow(string Scenario, string Baseline, double BaselineRps, double WatchdogRps, string Reference)
{
    public double Ratio => BaselineRps > 0 ? WatchdogRps / BaselineRps : 0;

    /// <summary>Requests per server CPU-second through the watchdog over the same direct (http mode only); robust to a busy machine.</summary>
    public double? CpuRatio { get; init; }
}
