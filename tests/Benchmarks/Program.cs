using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Harness.Benchmarks;

// Usage: dotnet run -c Release --project tests/Benchmarks -- --filter '*'
//        dotnet run -c Release --project tests/Benchmarks -- --smoke     (each benchmark once, no measurement: seconds)
if (args is ["--smoke"])
{
    var failed = 0;
    foreach (var (name, error) in BenchmarkSmoke.RunAll())
    {
        Console.WriteLine(error is null ? $"ok    {name}" : $"FAIL  {name}: {error.GetType().Name}: {error.Message}");
        failed += error is null ? 0 : 1;
    }

    return failed == 0 ? 0 : 1;
}

// In-process toolchain: no separate benchmark project is generated and built, so it runs on this machine as is.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(HistogramBenchmarks).Assembly).Run(args, config);
return 0;
