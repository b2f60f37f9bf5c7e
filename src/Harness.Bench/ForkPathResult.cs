using Harness.Statistics;

namespace Harness.Bench;

/// <summary>One fork-mode path of <see cref="PythonForkBenchmark"/>: its rate, the watchdog's costs and the function processes' CPU per request.</summary>
internal sealed record ForkPathResult(string Name, double RequestsPerSecond, PerRequestCost Watchdog, double FunctionCpuMicros)
{
    /// <summary>The median of each figure over the rounds of one path.</summary>
    public static ForkPathResult Median(IReadOnlyList<ForkPathResult> rounds) => new(
        rounds[0].Name,
        SampleMedian.Of(rounds.Select(r => r.RequestsPerSecond)),
        new PerRequestCost(
            rounds[0].Watchdog.Process,
            SampleMedian.Of(rounds.Select(r => r.Watchdog.CpuMicros)),
            SampleMedian.Of(rounds.Select(r => r.Watchdog.Switches)),
            SampleMedian.Of(rounds.Select(r => r.Watchdog.InvoluntarySwitches))),
        SampleMedian.Of(rounds.Select(r => r.FunctionCpuMicros)));
}
