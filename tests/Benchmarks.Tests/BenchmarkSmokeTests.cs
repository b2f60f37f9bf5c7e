namespace Harness.Benchmarks.Tests;

/// <summary>Every BenchmarkDotNet benchmark runs once, unmeasured, so a change that breaks one fails CI instead of rotting.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void Every_benchmark_sets_up_runs_once_and_cleans_up()
    {
        var results = BenchmarkSmoke.RunAll();

        Assert.All(results, r => Assert.True(r.Error is null, $"{r.Benchmark}: {r.Error}"));
        var classes = BenchmarkSmoke.Types().Select(t => t.Name).ToList();
        Assert.Equal(
            ["CompareBenchmarks", "GatewayBenchmarks", "HistogramBenchmarks", "ReportBenchmarks", "StackParserBenchmarks", "WatchdogBenchmarks"],
            classes);
        Assert.Contains(results, r => r.Benchmark == "WatchdogBenchmarks.ProxyPost1KiB");
        Assert.Contains(results, r => r.Benchmark == "GatewayBenchmarks.ForwardGet");
        Assert.Contains(results, r => r.Benchmark == "ReportBenchmarks.WritePdf");
    }
}
