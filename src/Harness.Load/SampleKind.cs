namespace Harness.Load;

/// <summary>Completed iterations have latencies; dropped ones never started (no free VU); interrupted ones were cut off by the stop.</summary>
internal enum SampleKind : byte
{
    Completed,
    Dropped,
    Interrupted,
}
