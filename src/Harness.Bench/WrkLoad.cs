namespace Harness.Bench;

/// <summary>Debian's wrk: the least client overhead available, so the ratio measures the server, not the client.</summary>
internal sealed class WrkLoad(string wrkPath) : ILoopbackLoad
{
    public string Name => "wrk";

    public static WrkLoad? TryCreate() => WrkRunner.Find() is { } wrk ? new WrkLoad(wrk) : null;

    public async Task<double> MeasureAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken, string? postBody = null)
    {
        var result = await WrkRunner.RunAsync(wrkPath, url, Math.Min(2, connections), connections, duration, cancellationToken, postBody).ConfigureAwait(false);
        return result.WithoutErrors(url).RequestsPerSecond;
    }
}
