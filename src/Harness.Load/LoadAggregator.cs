using System.Runtime.InteropServices;
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
    private readonly string?[] statusNames = new string?[600];

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

    /// <summary>Reads samples until the channel completes; <paramref name="afterBatch"/> runs on this reader's thread after each drained batch.</summary>
    public async Task ConsumeAsync(ChannelReader<Sample> reader, Action? afterBatch = null)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var sample))
            {
                Add(sample);
            }

            afterBatch?.Invoke();
        }
    }

    /// <summary>As <see cref="ConsumeAsync"/> for the event loop's batches; each consumed array goes back through <paramref name="returned"/>.</summary>
    public async Task ConsumeBatchesAsync(ChannelReader<SampleBatch> reader, Action<Sample[]> returned, Action? afterBatch = null)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    Add(batch.Items[i]);
                }

                returned(batch.Items);
            }

            afterBatch?.Invoke();
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
                Volatile.Write(ref warmUpRequests, warmUpRequests + 1);
                LatencyHistogram.Record(WarmUpDuration, Micros(s.Ended - s.Intended));
            }

            return;
        }

        if (s.Kind == SampleKind.Dropped)
        {
            Volatile.Write(ref dropped, dropped + 1);
            Bucket(s.Intended).Dropped++;
            return;
        }

        Volatile.Write(ref requests, requests + 1);
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
            Volatile.Write(ref errors, errors + 1);
            bucket.Errors++;
            Increment(ErrorClassifier.CounterName(s.Error));
        }

        if (s.Bytes > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Counters, "bytes_received", out _) += s.Bytes;
        }
    }

    // Per sample: the name of a status counter is built once per status, not once per response.
    private string StatusCounter(int code)
    {
        if ((uint)code < (uint)statusNames.Length)
        {
            return statusNames[code] ??= $"status_{code}";
        }

        return $"status_{code}";
    }

    private void Increment(string counter) => CollectionsMarshal.GetValueRefOrAddDefault(Counters, counter, out _)++;

    /// <summary>
    /// What has been measured so far, with the per-second buckets from <paramref name="firstSecond"/> on. Call it from
    /// the thread that adds samples (or after it ended): it reads the histograms without a lock.
    /// </summary>
    public LoadSnapshot Snapshot(int firstSecond, double windowSeconds, long abandoned, int maxInFlight, bool interrupted, bool final)
    {
        var histograms = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, h) in Named())
        {
            if (h.TotalCount > 0)
            {
                histograms[name] = Harness.Results.MetricHistogram.Encode(h);
            }
        }

        var from = Math.Clamp(firstSecond, 0, seconds.Count);
        return new LoadSnapshot
        {
            Requests = Requests,
            Errors = Errors,
            Dropped = Dropped,
            WarmUpRequests = WarmUpRequests,
            Counters = new SortedDictionary<string, long>(Counters, StringComparer.Ordinal),
            Histograms = histograms,
            FirstSecond = from,
            Seconds = [.. seconds.Skip(from).Select(b => new SecondSnapshot(
                b.Requests, b.Errors, b.Dropped, b.Latency is { TotalCount: > 0 } l ? Harness.Results.MetricHistogram.Encode(l) : null))],
            WindowSeconds = windowSeconds,
            AbandonedArrivals = abandoned,
            MaxInFlight = maxInFlight,
            Interrupted = interrupted,
            Final = final,
        };
    }

    /// <summary>Adds another process's measurements (a full snapshot, <see cref="LoadSnapshot.FirstSecond"/> 0) to this aggregator's: histograms by addition.</summary>
    public void Absorb(LoadSnapshot part)
    {
        ArgumentNullException.ThrowIfNull(part);
        requests += part.Requests;
        errors += part.Errors;
        dropped += part.Dropped;
        warmUpRequests += part.WarmUpRequests;
        foreach (var (name, value) in part.Counters)
        {
            Counters[name] = Counters.GetValueOrDefault(name) + value;
        }

        foreach (var (name, h) in Named())
        {
            if (part.Histograms.TryGetValue(name, out var encoded))
            {
                h.Add(Harness.Results.MetricHistogram.Decode(encoded));
            }
        }

        for (var i = 0; i < part.Seconds.Count; i++)
        {
            var index = part.FirstSecond + i;
            while (seconds.Count <= index)
            {
                seconds.Add(new SecondBucket());
            }

            var (b, p) = (seconds[index], part.Seconds[i]);
            b.Requests += p.Requests;
            b.Errors += p.Errors;
            b.Dropped += p.Dropped;
            if (p.Latency is { } latency)
            {
                b.Latency ??= LatencyHistogram.Create(2);
                b.Latency.Add(Harness.Results.MetricHistogram.Decode(latency));
            }
        }
    }

    /// <summary>The histograms under the metric names results.json gives them.</summary>
    private (string Name, LongHistogram Histogram)[] Named() =>
    [
        ("http_req_duration", Duration),
        ("http_req_service_time", ServiceTime),
        ("schedule_lag", ScheduleLag),
        ("warmup_http_req_duration", WarmUpDuration),
    ];

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
