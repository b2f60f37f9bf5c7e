namespace Harness.Bench;

/// <summary>One path measured by <c>harness bench gateway</c>: medians of the rounds, and the rate as a ratio to the upstream hit directly.</summary>
internal sealed record GatewayBenchRow(string Path, double RequestsPerSecond, double P99Ms, double RatioToDirect)
{
    /// <summary>CPU and context switches per request of each process on the path (medians of the rounds).</summary>
    public IReadOnlyList<PerRequestCost> Costs { get; init; } = [];
}
