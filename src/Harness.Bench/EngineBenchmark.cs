using Harness.Load;
using Harness.Results;

namespace Harness.Bench;

/// <summary>
/// <c>harness bench engine</c>: (1) the engine's maximum requests/s (raw-socket fast path and HttpClient path) against wrk's on the same nginx target, in one run;
/// (2) latency at a fixed rate on a server that stalls, measured without coordinated omission (open model) and with it (closed model, and wrk).
/// </summary>
internal static class EngineBenchmark
{
    public sealed record Options(TimeSpan Duration, int Connections, double Rate, TimeSpan StallDuration, int Rounds = 2);

    public sealed record LatencyRow(string Measurement, double? P50, double? P90, double? P99, double? Max);

    /// <summary>
    /// One tool's best round; <paramref name="CpuMicrosPerRequest"/> is the client's own CPU (user + system) per request;
    /// <paramref name="AllocatedBytesPerRequest"/> the managed bytes the harness process allocated per request (engine rows only):
    /// unlike CPU time it does not move with the machine's other load.
    /// </summary>
    public sealed record ThroughputRow(string Tool, double Rps, double? P50, double? P99, long Errors, double? CpuMicrosPerRequest, double? AllocatedBytesPerRequest = null);

    /// <summary>The engine's paths the bench compares with wrk, in its rows' order after wrk's.</summary>
    private static readonly string[] Paths = ["raw-socket fast path, epoll event loop", "raw-socket fast path, async sockets", "HttpClient path"];

    /// <summary>wrk, the engine's raw-socket fast path (event loop, then async sockets) and its HttpClient path, alternating round by round, each tool's best round.</summary>
    public static async Task<IReadOnlyList<ThroughputRow>> MaxThroughputAsync(Options options, IProgress<string> status, CancellationToken cancellationToken)
    {
        var nginx = NginxTarget.Find() ?? throw new InvalidOperationException("nginx is not installed (./build.sh setup installs it)");
        var wrk = WrkRunner.Find() ?? throw new InvalidOperationException("wrk is not installed (./build.sh setup installs it)");
        await using var target = await NginxTarget.StartAsync(nginx, 1, cancellationToken).ConfigureAwait(false);
        // The machine is shared: alternate the tools and keep each one's best round, so a noisy neighbour in one round does not decide the ratio.
        var best = new ThroughputRow?[4];
        for (var round = 1; round <= options.Rounds; round++)
        {
            status.Report($"round {round}/{options.Rounds}: wrk -t2 -c{options.Connections} against nginx");
            var children = ProcessTreeCpu.ReapedChildrenSeconds();
            var w = await WrkRunner.RunAsync(wrk, target.Url, 2, options.Connections, options.Duration, cancellationToken).ConfigureAwait(false);
            var wrkCpu = ProcessTreeCpu.ReapedChildrenSeconds() - children;
            Keep(best, 0, new ThroughputRow("wrk", w.RequestsPerSecond, w.P50, w.P99, w.Errors, w.Requests > 0 ? wrkCpu * 1e6 / w.Requests : null));
            for (var path = 1; path <= 3; path++)
            {
                var fast = path != 3;
                status.Report($"round {round}/{options.Rounds}: harness engine ({Paths[path - 1]}), constant-vus {options.Connections} against nginx");
                var cpu = Environment.CpuUsage.TotalTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var e = await RunEngineAsync(target.Url, ConnectionPolicy.KeepAlive(options.Connections),
                    [Simulation.KeepConstant(options.Connections, options.Duration)], TimeSpan.FromSeconds(1), cancellationToken, fast, eventLoop: path == 1).ConfigureAwait(false);
                var used = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                var m = e.Metrics["http_req_duration"];
                var all = e.Counters["requests"] + e.Counters["warmup_requests"];
                Keep(best, path, new ThroughputRow($"harness engine, {Paths[path - 1]}", e.Values["rps"], m.P50, m.P99, e.Counters["errors"], all > 0 ? used * 1e6 / all : null, all > 0 ? (double)bytes / all : null));
            }
        }

        return [.. best.Select(r => r!)];
    }

    private static void Keep(ThroughputRow?[] best, int i, ThroughputRow row)
    {
        if (best[i] is null || row.Rps > best[i]!.Rps)
        {
            best[i] = row;
        }
    }

    public static async Task<IReadOnlyList<LatencyRow>> CoordinatedOmissionAsync(Options options, IProgress<string> status, CancellationToken cancellationToken)
    {
        var rows = new List<LatencyRow>();
        await using (var stall = await StallTarget.StartAsync(0, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
        {
            status.Report($"open model {options.Rate}/s against a server that stalls 1 s every 4 s");
            var open = await RunEngineAsync(stall.Url, ConnectionPolicy.KeepAlive(200),
                [Simulation.Inject(options.Rate, TimeSpan.FromSeconds(1), options.StallDuration)], TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            rows.Add(Row("harness open model (from intended send time)", open.Metrics["http_req_duration"]));
        }

        await using (var stall = await StallTarget.StartAsync(0, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
        {
            status.Report("closed model, 2 VUs (coordinated omission, as wrk without -R)");
            var closed = await RunEngineAsync(stall.Url, ConnectionPolicy.KeepAlive(2),
                [Simulation.KeepConstant(2, options.StallDuration)], TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            rows.Add(Row("harness closed model, 2 VUs (CO-prone)", closed.Metrics["http_req_duration"]));
        }

        if (WrkRunner.Find() is { } wrk)
        {
            await using var stall = await StallTarget.StartAsync(0, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            status.Report("wrk -t1 -c2 (from actual send time)");
            var w = await WrkRunner.RunAsync(wrk, stall.Url, 1, 2, options.StallDuration, cancellationToken).ConfigureAwait(false);
            rows.Add(new LatencyRow("wrk -t1 -c2 (from actual send)", w.P50, w.P90, w.P99, null));
        }

        return rows;
    }

    private static LatencyRow Row(string name, MetricSummary m) => new(name, m.P50, m.P90, m.P99, m.Max);

    internal static async Task<ScenarioResult> RunEngineAsync(
        Uri url, ConnectionPolicy policy, LoadSimulation[] simulations, TimeSpan warmUp, CancellationToken cancellationToken, bool fastPath = true, bool eventLoop = true)
    {
        using var step = FixedRequestStep.Create(new HttpRequestSpec { Url = url }, policy, allowFastPath: fastPath);
        var scenario = Scenario.Create("bench", step.InvokeAsync)
            .WithLoadSimulations(simulations)
            .WithWarmUpDuration(warmUp)
            .WithRequestTimeout(TimeSpan.FromSeconds(10));
        return await LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions { EventLoop = eventLoop }, cancellationToken).ConfigureAwait(false);
    }
}
