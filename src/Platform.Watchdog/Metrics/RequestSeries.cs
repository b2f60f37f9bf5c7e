namespace Harness.Watchdog.Metrics;

/// <summary>Counters for one (code, method) pair: a request count and a duration histogram, updated lock-free.</summary>
internal sealed class RequestSeries
{
    public static readonly double[] Buckets = [.. Harness.Platform.Contracts.PrometheusBuckets.GoDefault];

    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private long _count;
    private long _sumMicros;

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumMicros) / 1e6;

    public long CumulativeBucket(int index) => Interlocked.Read(ref _bucketCounts[index]);

    public void Observe(double seconds)
    {
        // Buckets are stored cumulative, as Prometheus exposes them.
        for (var i = Buckets.Length - 1; i >= 0 && seconds <= Buckets[i]; i--)
        {
            Interlocked.Increment(ref _bucketCounts[i]);
        }

        Interlocked.Add(ref _sumMicros, (long)(seconds * 1e6));
        Interlocked.Increment(ref _count);
    }
}
