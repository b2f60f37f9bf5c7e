using System.Threading.Channels;
using HdrHistogram;

namespace Harness.Load;

/// <summary>The one reader of the sample channel: histograms per metric and phase, counters, and per-second buckets.</summary>
/// <remarks>Only this reader touches the histograms, so nothing on the hot path takes a lock.</remarks>
internal sealed class LoadAggregator
{
    private readonly double frequency;
    private readonly Func<long> mainStart;
    private readonly List<SecondBucket> seconds = [];
    private long requests;
    private long errors;
    private long dropped;
    private long warmUpRequests;

    public LoadAggregator(TimeProvider time, Func<long> mainStart)
    {
        frequency = time.TimestampFrequency;
        this.mainStart = mainStart;
    }

    /// <summary>Latency from the intended start (open models) or the actual start (closed models): the honest figure.</summary>
    public LongHistogram Duration { get; } = LatencyHistogram.Create();

    /// <summary>Latency from the moment the request actually went out: what a coordinated-omission-prone tool reports.</summary>
    public LongHistogram ServiceTime { get; } = LatencyHistogram.Create();

    /// <summary>How late iterations started against the plan (open models only).</summary>
    public LongHistogram ScheduleLag { get; } = LatencyHistogram.Create();

    public LongHistogram WarmUpDuration { get; } = LatencyHistogram.Create();

    public Dictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SecondBucket> Seconds => seconds;

    public long Requests => Volatile.Read(ref requests);

    public long Errors => Volatile.Read(ref errors);

    public long Dropped => Volatile.Read(ref dropped);

    public long WarmUpRequests => Volatile.Read(ref warmUpRequests);

    public async Task ConsumeAsync(ChannelReader<Sample> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var sample))
            {
                Add(sample);
            }
        }
    }

    public void Add(in Sample s)
    {
        if (s.Kind == SampleKind.Interrupted)
        {
            Increment(s.Phase == LoadPhase.Main ? "interrupted_iterations" : "warmup_interrupted");
            return;
        }

        if (s.Phase == LoadPhase.WarmUp)
        {
            if (s.Kind == SampleKind.Completed)
            {
                Interlocked.Increment(ref warmUpRequests);
                LatencyHistogram.Record(WarmUpDuration, Micros(s.Ended - s.Intended));
            }

            return;
        }

        if (s.Kind == SampleKind.Dropped)
        {
            Interlocked.Increment(ref dropped);
            Bucket(s.Intended).Dropped++;
            return;
        }

        Interlocked.Increment(ref requests);
        var latency = Micros(s.Ended - s.Intended);
        LatencyHistogram.Record(Duration, latency);
        LatencyHistogram.Record(ServiceTime, Micros(s.Ended - s.Started));
        if (s.Started > s.Intended)
        {
            LatencyHistogram.Record(ScheduleLag, Micros(s.Started - s.Intended));
        }
        else
        {
            LatencyHistogram.Record(ScheduleLag, LatencyHistogram.LowestMicros);
        }

        var bucket = Bucket(s.Ended);
        bucket.Requests++;
        bucket.Latency ??= LatencyHistogram.Create(2);
        LatencyHistogram.Record(bucket.Latency, latency);
        if (s.StatusCode > 0)
        {
            Increment(StatusCounter(s.StatusCode));
        }

        if (s.IsError)
        {
            Interlocked.Increment(ref errors);
            bucket.Errors++;
            Increment(ErrorClassifier.CounterName(s.Error));
        }

        if (s.Bytes > 0)
        {
            Counters["bytes_received"] = Counters.GetValueOrDefault("bytes_received") + s.Bytes;
        }
    }

    private static string StatusCounter(int code) => code switch
    {
        200 => "status_200",
        _ => $"status_{code}",
    };

    private void Increment(string counter) => Counters[counter] = Counters.GetValueOrDefault(counter) + 1;

    private double Micros(long ticks) => ticks * 1_000_000.0 / frequency;

    private SecondBucket Bucket(long timestamp)
    {
        var index = (int)Math.Max(0, (timestamp - mainStart()) / frequency);
        while (seconds.Count <= index)
        {
            seconds.Add(new SecondBucket());
        }

        return seconds[index];
    }
}
