using System.Globalization;
using Harness.Statistics;

namespace Harness.Bench;

/// <summary>
/// Measures the watchdog against its baselines in one run, alternating baseline and watchdog each round so the noise
/// of a shared machine hits both: http mode against the same upstream hit directly, fork mode against a bare spawn loop.
/// </summary>
internal sealed class WatchdogBenchmark(WatchdogBenchOptions options, ILoopbackLoad load, Action<string> progress)
{
    /// <summary>Without a classic-watchdog to run: issue 18's same-machine run (Harness's watchdog did 1,608 req/s there).</summary>
    private const string ClassicCatReference = "OpenFaaS classic-watchdog 1,353 req/s in issue 18's run (--classic-watchdog measures it here)";

    /// <summary>Median time from spawning the watchdog to its listening line, over <see cref="WatchdogBenchOptions.Starts"/> starts.</summary>
    public async Task<TimeSpan> MeasureStartAsync(CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var environment = new Dictionary<string, string> { ["fprocess"] = "cat" };
        for (var i = 0; i < options.Starts; i++)
        {
            await using var watchdog = await BenchWatchdog.StartAsync(environment, Path.GetTempPath(), cancellationToken).ConfigureAwait(false);
            times.Add(watchdog.StartTime.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(SampleMedian.Of(times));
    }

    /// <summary>The fork-mode python paths of the last run, fork server first (empty without Python or with --http-only).</summary>
    public IReadOnlyList<ForkPathResult> PythonPaths { get; private set; } = [];

    public async Task<IReadOnlyList<WatchdogBenchRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<WatchdogBenchRow>();
        var scratch = Path.Combine(Path.GetTempPath(), "harness-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            if (options.Http)
            {
                foreach (var upstream in new[] { BenchUpstream.Nginx(scratch), BenchUpstream.PythonHttp(scratch) })
                {
                    if (upstream is null)
                    {
                        continue;
                    }

                    rows.Add(await MeasureHttpAsync(upstream, cancellationToken).ConfigureAwait(false));
                }
            }

            if (options.Fork)
            {
                rows.Add(await MeasureForkAsync(scratch, cancellationToken).ConfigureAwait(false));
                PythonPaths = await new PythonForkBenchmark(options, load, progress).RunAsync(scratch, cancellationToken).ConfigureAwait(false);
                rows.AddRange(PythonRows(PythonPaths));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return rows;
    }

    private async Task<WatchdogBenchRow> MeasureHttpAsync(BenchUpstream upstream, CancellationToken cancellationToken)
    {
        await using var watchdog = await BenchWatchdog.StartAsync(upstream.WatchdogEnvironment, upstream.WorkingDirectory, cancellationToken).ConfigureAwait(false);
        // One short unmeasured run each warms the JIT, the connection pools and the upstream.
        var warmup = TimeSpan.FromSeconds(1);
        await load.MeasureAsync(upstream.DirectUrl, options.HttpConnections, warmup, cancellationToken).ConfigureAwait(false);
        await load.MeasureAsync(watchdog.Url, options.HttpConnections, warmup, cancellationToken).ConfigureAwait(false);
        var direct = new List<double>();
        var through = new List<double>();
        var cpuRatios = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Server CPU: direct = the upstream's processes; through = the watchdog plus the upstream.
            var cpu0 = ProcessTreeCpu.Seconds(watchdog.Pid, includeRoot: false);
            direct.Add(await load.MeasureAsync(upstream.DirectUrl, options.HttpConnections, options.Duration, cancellationToken).ConfigureAwait(false));
            var cpu1 = ProcessTreeCpu.Seconds(watchdog.Pid, includeRoot: false);
            var all1 = ProcessTreeCpu.Seconds(watchdog.Pid, includeRoot: true);
            through.Add(await load.MeasureAsync(watchdog.Url, options.HttpConnections, options.Duration, cancellationToken).ConfigureAwait(false));
            var all2 = ProcessTreeCpu.Seconds(watchdog.Pid, includeRoot: true);
            var perCpuDirect = direct[^1] / Math.Max(cpu1 - cpu0, 0.01);
            var perCpuThrough = through[^1] / Math.Max(all2 - all1, 0.01);
            cpuRatios.Add(perCpuThrough / perCpuDirect);
            progress($"{upstream.Name}: round {round}: direct {direct[^1]:F0} req/s ({cpu1 - cpu0:F2} cpu-s), via watchdog {through[^1]:F0} req/s ({all2 - all1:F2} cpu-s)");
        }

        return new WatchdogBenchRow(upstream.Name, "same upstream, direct", SampleMedian.Of(direct), SampleMedian.Of(through), "of-watchdog ≈ 0.20 of direct; target ≥ 0.25")
        {
            CpuRatio = SampleMedian.Of(cpuRatios),
        };
    }

    private async Task<WatchdogBenchRow> MeasureForkAsync(string scratch, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["mode"] = "serializing", ["fprocess"] = "cat" };
        await using var watchdog = await BenchWatchdog.StartAsync(environment, scratch, cancellationToken).ConfigureAwait(false);
        // OpenFaaS's classic-watchdog forks per request too: measured in the same rounds when the user built it.
        await using var classic = options.ClassicWatchdog is { } binary
            ? await OpenFaasWatchdog.StartAsync(binary, new Dictionary<string, string> { ["fprocess"] = "cat" }, scratch, cancellationToken).ConfigureAwait(false)
            : null;
        var warmup = TimeSpan.FromSeconds(1);
        await SpawnLoop.MeasureAsync("cat", options.ForkConnections, warmup, cancellationToken).ConfigureAwait(false);
        await load.MeasureAsync(watchdog.Url, options.ForkConnections, warmup, cancellationToken).ConfigureAwait(false);
        if (classic is not null)
        {
            await load.MeasureAsync(classic.Url, options.ForkConnections, warmup, cancellationToken).ConfigureAwait(false);
        }

        var bare = new List<double>();
        var through = new List<double>();
        var theirs = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            bare.Add(await SpawnLoop.MeasureAsync("cat", options.ForkConnections, options.Duration, cancellationToken).ConfigureAwait(false));
            through.Add(await load.MeasureAsync(watchdog.Url, options.ForkConnections, options.Duration, cancellationToken).ConfigureAwait(false));
            if (classic is not null)
            {
                theirs.Add(await load.MeasureAsync(classic.Url, options.ForkConnections, options.Duration, cancellationToken).ConfigureAwait(false));
            }

            progress($"fork: round {round}: bare spawn loop {bare[^1]:F0}/s, via watchdog {through[^1]:F0} req/s" +
                (classic is null ? "" : $", via OpenFaaS classic-watchdog {theirs[^1]:F0} req/s"));
        }

        var reference = theirs.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"OpenFaaS classic-watchdog {SampleMedian.Of(theirs):N0} req/s, same run")
            : ClassicCatReference;
        return new WatchdogBenchRow("fork: cat (serializing)", "bare spawn loop of cat", SampleMedian.Of(bare), SampleMedian.Of(through), reference);
    }

    /// <summary>The fork server against every other path (OpenFaaS's first, when measured): issue 18's target is ≥ 5×.</summary>
    private static IEnumerable<WatchdogBenchRow> PythonRows(IReadOnlyList<ForkPathResult> paths)
    {
        if (paths.Count == 0)
        {
            return [];
        }

        var fork = paths[0];
        var theirs = paths.Any(p => p.Name.StartsWith("OpenFaaS", StringComparison.Ordinal));
        return paths.Skip(1).OrderBy(p => p.Name.StartsWith("OpenFaaS", StringComparison.Ordinal) ? 0 : 1).Select(p => new WatchdogBenchRow(
            "fork: python3 template, 13-byte POST, fork server", p.Name, p.RequestsPerSecond, fork.RequestsPerSecond,
            p.Name.StartsWith("OpenFaaS", StringComparison.Ordinal) ? "target ≥ 5× OpenFaaS's watchdogs (issue 18)" : theirs ? "each request still a fresh process" : "no OpenFaaS watchdog given (--classic-watchdog): the baseline is Harness's own exec path"));
    }
}
