namespace Harness.Load;

/// <summary>
/// The largest load one scenario may ask for; <see cref="LoadOptions.Validate"/> refuses more, before anything runs.
/// Chosen from what one harness process plans and runs on an ordinary machine: a VU is a task with its own buffers
/// (100 000 000 of them took 20 GB), and an open model's dispatcher cannot keep a schedule much above 100 000 arrivals
/// per second (a rate of 10^9 never ended). Spread larger loads over several harness processes.
/// </summary>
public static class LoadLimits
{
    /// <summary>Concurrent virtual users (vus, startVUs, preAllocatedVUs, maxVUs, ramping-vus stage targets).</summary>
    public const int MaxVus = 10_000;

    /// <summary>Arrivals per second (rate, startRate and ramping-arrival-rate targets, after timeUnit).</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>Iterations of one scenario.</summary>
    public const long MaxIterations = 1_000_000_000;

    /// <summary>Length of one scenario, warm-up included.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>Per-request timeout.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
}
