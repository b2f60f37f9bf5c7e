using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: no separate benchmark project is generated and built, so it runs on this machine as is.
// Usage: dotnet run -c Release --project tests/Benchmarks -- --filter '*'
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Harness.Benchmarks.HistogramBenchmarks).Assembly).Run(args, config);
