using System.Runtime.ExceptionServices;
using Harness.Results;

namespace Harness.Sampling;

/// <summary>
/// The one sampling loop: runs samplers every interval beside the load and keeps their readings, both per tick
/// (<see cref="Snapshots"/>) and as time series (seconds since the loop was made), on the injected clock.
/// </summary>
/// <remarks>
/// A sampler that fails is noted once in <see cref="Errors"/> and the others go on, so a counter that cannot be read
/// never stops the load; a caller for which the counters are the measurement (the conntrack scenario) checks
/// <see cref="Errors"/> and fails instead.
/// </remarks>
internal sealed class SamplerLoop
{
    private readonly IReadOnlyList<ISampler> _samplers;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Unit, List<SeriesPoint> Points)> _series = new(StringComparer.Ordinal);
    private readonly List<SamplerSnapshot> _snapshots = [];
    private readonly List<string> _errors = [];
    private ExceptionDispatchInfo? _firstFailure;

    public SamplerLoop(IReadOnlyList<ISampler> samplers, TimeSpan interval, TimeProvider time)
    {
        _samplers = samplers;
        _interval = interval;
        _time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>Seconds since the loop was made, the time base of every point.</summary>
    public double Now => _time.GetElapsedTime(_start).TotalSeconds;

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public IReadOnlyList<SamplerSnapshot> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots];
            }
        }
    }

    /// <summary>Samples now, then every interval until cancelled (<paramref name="sampleNow"/> false: the first sample after one interval).</summary>
    public async Task RunAsync(CancellationToken cancellationToken, bool sampleNow = true)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        if (!sampleNow && !await WaitAsync(timer, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        do
        {
            if (!await SampleOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads every sampler once; false when cancelled before all were read.</summary>
    public async Task<bool> SampleOnceAsync(CancellationToken cancellationToken)
    {
        var t = Math.Round(Now, 3);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sampler in _samplers)
        {
            try
            {
                foreach (var r in await sampler.SampleAsync(cancellationToken).ConfigureAwait(false))
                {
                    values[r.Series] = r.Value;
                    lock (_gate)
                    {
                        if (!_series.TryGetValue(r.Series, out var s))
                        {
                            _series[r.Series] = s = (r.Unit, []);
                        }

                        s.Points.Add(new SeriesPoint(t, r.Value));
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // a sampler that cannot read its counters must not stop the load or the other samplers
            catch (Exception e)
#pragma warning restore CA1031
            {
                var message = $"{sampler.Name}: {e.Message}";
                lock (_gate)
                {
                    _firstFailure ??= ExceptionDispatchInfo.Capture(e);
                    if (!_errors.Contains(message))
                    {
                        _errors.Add(message);
                    }
                }
            }
        }

        lock (_gate)
        {
            _snapshots.Add(new SamplerSnapshot(t, values));
        }

        return true;
    }

    /// <summary>Rethrows the first failure of any sampler, as it was thrown, for callers whose measurement the counters are.</summary>
    public void ThrowIfAnyFailed()
    {
        lock (_gate)
        {
            _firstFailure?.Throw();
        }
    }

    public IReadOnlyList<TimeSeries> Series()
    {
        lock (_gate)
        {
            return _series.Select(kv => new TimeSeries { Name = kv.Key, Unit = kv.Value.Unit, Points = kv.Value.Points.ToList() }).ToList();
        }
    }

    public double Max(string name)
    {
        lock (_gate)
        {
            return _series.TryGetValue(name, out var s) && s.Points.Count > 0 ? s.Points.Max(p => p.Value) : double.NaN;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
