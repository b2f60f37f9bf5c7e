using HdrHistogram;

namespace Harness.Load;

/// <summary>What happened in one second of the measured phase, for the per-second series.</summary>
internal sealed class SecondBucket
{
    public long Requests;
    public long Errors;
    public long Dropped;
    public LongHistogram? Latency;
}
