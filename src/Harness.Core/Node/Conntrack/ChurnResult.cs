namespace Harness.Node.Conntrack;

/// <summary>What the churn clients saw.</summary>
internal sealed record ChurnResult(long Succeeded, long Timeouts, long Refused, long OtherErrors, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, double? OfferedRate = null)
{
    public long Attempted => Succeeded + Timeouts + Refused + OtherErrors;

    /// <summary>The open model's offered rate; otherwise what the workers achieved (timeouts included in the time).</summary>
    public double NewConnectionsPerSecond => OfferedRate ?? (Elapsed.TotalSeconds > 0 ? Attempted / Elapsed.TotalSeconds : 0);
}
