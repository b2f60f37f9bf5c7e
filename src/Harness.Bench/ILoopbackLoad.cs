namespace Harness.Bench;

/// <summary>A closed-loop load generator that reports requests per second against one loopback URL.</summary>
internal interface ILoopbackLoad
{
    string Name { get; }

    /// <summary>Requests per second of GETs, or of POSTs of <paramref name="postBody"/> when it is given.</summary>
    Task<double> MeasureAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken, string? postBody = null);
}
