namespace Harness.Bench;

/// <summary>A closed-loop load generator that reports requests per second against one loopback URL.</summary>
internal interface ILoopbackLoad
{
    string Name { get; }

    Task<double> MeasureAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken);
}
