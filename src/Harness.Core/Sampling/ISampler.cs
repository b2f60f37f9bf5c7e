namespace Harness.Sampling;

/// <summary>A periodic reader of kernel or server counters that runs beside the load and feeds time series.</summary>
internal interface ISampler
{
    string Name { get; }

    /// <summary>Reads the counters once; each reading becomes a point of the series with that name.</summary>
    ValueTask<IReadOnlyList<SamplerReading>> SampleAsync(CancellationToken cancellationToken);
}
