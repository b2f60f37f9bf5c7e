namespace Harness.Bench;

/// <summary>wrk with <c>--latency</c>: requests per second and p99 of one run against a loopback URL, failures refused.</summary>
internal sealed class WrkLatencyLoad(string wrkPath)
{
    public static WrkLatencyLoad? TryCreate() => WrkRunner.Find() is { } wrk ? new WrkLatencyLoad(wrk) : null;

    public async Task<LoadFigures> MeasureAsync(
        Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken, BenchNamespace? netns = null)
    {
        var result = (await WrkRunner.RunAsync(wrkPath, url, threads, connections, duration, cancellationToken, netns: netns).ConfigureAwait(false)).WithoutErrors(url);
        return new LoadFigures(result.RequestsPerSecond, result.P99 ?? throw new InvalidOperationException("wrk printed no 99% line: " + result.Output));
    }
}
