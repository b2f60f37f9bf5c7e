namespace Harness.Load;

/// <summary>One second of the measured phase as a snapshot carries it: counts and the encoded latency histogram (µs), if any.</summary>
public sealed record SecondSnapshot(long Requests, long Errors, long Dropped, string? Latency);
