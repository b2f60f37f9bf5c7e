using Harness.Results;

namespace Harness.Sampling;

/// <summary>Runs samplers every interval beside the load and turns their readings into time series (seconds since start).</summary>
internal sealed class SamplerLoop(IReadOnlyList<ISampler> samplers, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<string, (string Unit, List<SeriesPoint> Points)> series = new(StringComparer.Ordinal);
    private readonly List<string> errors = [];

    public IReadOnlyList<string> Errors => errors;

    /// <summary>Samples until cancelled; a sampler that fails is noted once and the others go on.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var t = time.GetElapsedTime(start).TotalSeconds;
            foreach (var sampler in samplers)
            {
                try
                {
                    foreach (var r in await sampler.SampleAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (!series.TryGetValue(r.Series, out var s))
                        {
                            series[r.Series] = s = (r.Unit, []);
                        }

                        s.Points.Add(new SeriesPoint(Math.Round(t, 3), r.Value));
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
#pragma warning disable CA1031 // a sampler that cannot read its counters must not stop the load or the other samplers
                catch (Exception e)
#pragma warning restore CA1031
                {
                    var message = $"{sampler.Name}: {e.Message}";
                    if (!errors.Contains(message))
                    {
                        errors.Add(message);
                    }
                }
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    public IReadOnlyList<TimeSeries> Series()
        => series.Select(kv => new TimeSeries { Name = kv.Key, Unit = kv.Value.Unit, Points = kv.Value.Points.ToList() }).ToList();

    public double Max(string name) => series.TryGetValue(name, out var s) && s.Points.Count > 0 ? s.Points.Max(p => p.Value) : double.NaN;

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
