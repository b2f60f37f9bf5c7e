namespace Harness.Load;

/// <summary>One iteration as the executor saw it; timestamps are <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
/// <param name="Intended">When the plan wanted it to start (open models), or when it started (closed models).</param>
internal readonly record struct Sample(
    SampleKind Kind,
    LoadPhase Phase,
    long Intended,
    long Started,
    long Ended,
    int StatusCode,
    ErrorKind Error,
    long Bytes)
{
    public bool IsError => Error != ErrorKind.None;
}
