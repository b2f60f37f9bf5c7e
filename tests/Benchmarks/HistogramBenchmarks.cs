using BenchmarkDotNet.Attributes;
using Harness.Load;
using HdrHistogram;

namespace Harness.Benchmarks;

/// <summary>Histogram recording (the load engine's per-request hot path), encoding, and sample regeneration for compare.</summary>
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private readonly LongHistogram histogram = LatencyHistogram.Create();
    private readonly double[] micros = new double[4096];
    private string encoded = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < micros.Length; i++)
        {
            micros[i] = 500 + random.NextDouble() * 20_000;
            LatencyHistogram.Record(histogram, micros[i]);
        }

        encoded = Harness.Results.MetricHistogram.Encode(histogram);
    }

    [Benchmark(OperationsPerInvoke = 4096)]
    public void Record()
    {
        foreach (var v in micros)
        {
            LatencyHistogram.Record(histogram, v);
        }
    }

    [Benchmark]
    public string Encode() => Harness.Results.MetricHistogram.Encode(histogram);

    [Benchmark]
    public double[] RegenerateSamples() => Harness.History.HistogramCodec.Samples(Harness.Results.MetricHistogram.Decode(encoded), 2000);
}
