namespace Harness.Load;

/// <summary>A live view of a running scenario, for the progress line.</summary>
public sealed record LoadProgress(
    string Scenario,
    TimeSpan Elapsed,
    TimeSpan? Planned,
    bool WarmingUp,
    long Requests,
    long Errors,
    long Dropped,
    int InFlight,
    double Rps);
