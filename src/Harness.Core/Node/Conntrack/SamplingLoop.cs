using System.Diagnostics;
using Harness.Sampling;

namespace Harness.Node.Conntrack;

/// <summary>Runs a sampler every interval beside the load, until stopped; bounded by the caller's cancellation.</summary>
internal sealed class SamplingLoop
{
    private readonly ISampler _sampler;
    private readonly long _origin;
    private readonly List<ConntrackSample> _samples = [];

    public SamplingLoop(ISampler sampler, long originTimestamp)
    {
        _sampler = sampler;
        _origin = originTimestamp;
    }

    public IReadOnlyList<ConntrackSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToList();
            }
        }
    }

    public double Now => Stopwatch.GetElapsedTime(_origin).TotalSeconds;

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var readings = await _sampler.SampleAsync(cancellationToken).ConfigureAwait(false);
        var sample = new ConntrackSample(Math.Round(Now, 3), readings.ToDictionary(r => r.Series, r => r.Value));
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await SampleOnceAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
