namespace Harness.Platform.Local;

/// <summary>
/// A function's CPU use in millicores (faas-provider's <c>usage.cpu</c>: 1000 = one core), from the CPU-time counters of
/// its replicas sampled at least <see cref="Window"/> apart. A baseline older than <see cref="MaxAge"/> is stale, so a
/// reading always covers the last moments rather than the time since someone last asked. A replica started less than
/// <see cref="MaxAge"/> ago is never waited for: it has no rate until its first window closes (as a Prometheus rate has
/// none for a new pod), so a client polling a fresh deployment's status for readiness does not pay a window per poll.
/// </summary>
internal sealed class CpuMeter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long At, long Nanos)> _baselines = [];
    private readonly Dictionary<string, double> _rates = [];

    public static TimeSpan Window { get; } = TimeSpan.FromMilliseconds(250);

    public static TimeSpan MaxAge { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Samples every replica and returns the summed rate. With <paramref name="wait"/>, a replica without a usable
    /// baseline that started at least <see cref="MaxAge"/> ago is sampled again after the window (at most one wait);
    /// otherwise the last known rate is used.
    /// </summary>
    public async Task<double> MeasureAsync(IReadOnlyList<(string Id, DateTimeOffset StartedAt, Func<long?> Read)> replicas, bool wait, CancellationToken cancellationToken)
    {
        var missing = Sample(replicas);
        if (wait && missing is { } delay)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            Sample(replicas);
        }

        lock (_gate)
        {
            return replicas.Sum(r => _rates.GetValueOrDefault(r.Id));
        }
    }

    /// <summary>Updates baselines and rates; returns how long to wait until every replica has a rate, or null if none is missing.</summary>
    private TimeSpan? Sample(IReadOnlyList<(string Id, DateTimeOffset StartedAt, Func<long?> Read)> replicas)
    {
        TimeSpan? wait = null;
        var now = time.GetTimestamp();
        var wallNow = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var id in _baselines.Keys.Where(k => replicas.All(r => r.Id != k)).ToList())
            {
                _baselines.Remove(id);
                _rates.Remove(id);
            }

            foreach (var (id, startedAt, read) in replicas)
            {
                if (read() is not { } nanos)
                {
                    continue;
                }

                var young = wallNow - startedAt < MaxAge;
                if (_baselines.TryGetValue(id, out var baseline))
                {
                    var age = time.GetElapsedTime(baseline.At, now);
                    if (age < Window)
                    {
                        if (!_rates.ContainsKey(id) && !young)
                        {
                            wait = Max(wait, Window - age);
                        }

                        continue;
                    }

                    if (age <= MaxAge)
                    {
                        _rates[id] = Math.Max(0, nanos - baseline.Nanos) / (age.TotalSeconds * 1e9) * 1000;
                        _baselines[id] = (now, nanos);
                        continue;
                    }
                }

                // First sight, or a stale baseline: start a new window.
                _baselines[id] = (now, nanos);
                _rates.Remove(id);
                if (!young)
                {
                    wait = Max(wait, Window);
                }
            }
        }

        return wait;
    }

    private static TimeSpan Max(TimeSpan? a, TimeSpan b) => a is { } x && x > b ? x : b;
}
