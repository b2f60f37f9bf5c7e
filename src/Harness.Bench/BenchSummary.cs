namespace Harness.Bench;

/// <summary>
/// What the benchmarks of one <c>harness bench all</c> run report for the combined table: the four end-to-end ratios of
/// the issues (watchdog vs direct, gateway chain vs direct, engine vs wrk, cold start vs interpreter start) and other figures.
/// </summary>
internal sealed class BenchSummary
{
    public const string WatchdogName = "watchdog (http mode) → nginx, req/s ÷ nginx direct";
    public const string WatchdogTarget = "≥ 0.25";
    public const string GatewayName = "gateway → watchdog → nginx, req/s ÷ nginx direct (wrk -t2 -c32)";
    // The p99 is compared with the OpenFaaS chain measured in the same run, or with issue 3's 31 ms when it was not.
    public const string GatewayTarget = "≥ 0.25, p99 ≤ the OpenFaaS chain's, ≤ 60 µs CPU/req (issue 18)";
    public const string EngineName = "load engine max req/s ÷ wrk (nginx on loopback)";
    public const string EngineTarget = "≥ 1.0";
    public const string ColdStartName = "scale-from-zero → first byte (python3-http, sandboxed) ÷ the same template's server started bare";
    public const string ColdStartTarget = "≤ 1.5";

    private readonly List<BenchResult> other = [];

    public BenchResult? Watchdog { get; set; }
    public BenchResult? Gateway { get; set; }
    public BenchResult? Engine { get; set; }
    public BenchResult? ColdStart { get; set; }

    /// <summary>When the run started and ended (the table states both).</summary>
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The 1-minute load average when the run started (from /proc/loadavg): how quiet the machine was.</summary>
    public double? LoadAverage { get; set; }

    /// <summary>The 1-minute load average of this machine, or null where /proc/loadavg does not exist.</summary>
    public static double? ReadLoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The four end-to-end ratios in the issues' order, a "not measured" line for any the run did not produce.</summary>
    public IReadOnlyList<BenchResult> Headline =>
    [
        Watchdog ?? BenchResult.NotMeasured(WatchdogName, WatchdogTarget, "the watchdog benchmark did not run"),
        Gateway ?? BenchResult.NotMeasured(GatewayName, GatewayTarget, "the gateway benchmark did not run"),
        Engine ?? BenchResult.NotMeasured(EngineName, EngineTarget, "the engine benchmark did not run"),
        ColdStart ?? BenchResult.NotMeasured(ColdStartName, ColdStartTarget, "the cold-start benchmark did not run"),
    ];

    /// <summary>Further figures of the same run (fork mode, python3-http upstream, coordinated omission, PDF report).</summary>
    public IReadOnlyList<BenchResult> Other => other;

    public void Add(BenchResult result) => other.Add(result);
}
