using Harness.Load;
using Harness.Results;

namespace Harness.Bench;

/// <summary>
/// <c>harness bench engine</c>: (1) the engine's maximum requests/s against wrk's on the same nginx target, in one run;
/// (2) latency at a fixed rate on a server that stalls, measured without coordinated omission (open model) and with it (closed model, and wrk).
/// </summary>
internal static class EngineBenchmark
{
    public sealed record Options(TimeSpan Duration, int Connections, double Rate, TimeSpan StallDuration, int Rounds = 2);

    public sealed record ThroughputRow(string Tool, double Rps, double? P50, double? P99, long Errors);

    public sealed record LatencyRow(string Measurement, double? P50, double? P90, double? P99, double? Max);

    public static async Task<IReadOnlyList<ThroughputRow>> MaxThroughputAsync(Options options, IProgress<string> status, CancellationToken cancellationToken)
    {
        var nginx = NginxTarget.Find() ?? throw new InvalidOperationException("nginx is not installed (./build.sh setup installs it)");
        var wrk = WrkRunner.Find() ?? throw new InvalidOperationException("wrk is not installed (./build.sh setup installs it)");
        await using var target = await NginxTarget.StartAsync(nginx, 1, cancellationToken).ConfigureAwait(false);
        // The machine is shared: alternate the two tools and keep each one's best round, so a noisy neighbour in one round does not decide the ratio.
        ThroughputRow? bestWrk = null;
        ThroughputRow? bestEngine = null;
        for (var round = 1; round <= options.Rounds; round++)
        {
            status.Report($"round {round}/{options.Rounds}: wrk -t2 -c{options.Connections} against nginx");
            var w = await WrkRunner.RunAsync(wrk, target.Url, 2, options.Connections, options.Duration, cancellationToken).ConfigureAwait(false);
            var wrkRow = new ThroughputRow("wrk", w.RequestsPerSecond, w.P50, w.P99, w.Errors);
            bestWrk = bestWrk is null || wrkRow.Rps > bestWrk.Rps ? wrkRow : bestWrk;
            status.Report($"round {round}/{options.Rounds}: harness engine, constant-vus {options.Connections} against nginx");
            var e = await RunEngineAsync(target.Url, ConnectionPolicy.KeepAlive(options.Connections),
                [Simulation.KeepConstant(options.Connections, options.Duration)], TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var m = e.Metrics["http_req_duration"];
            var engineRow = new ThroughputRow("harness engine", e.Values["rps"], m.P50, m.P99, e.Counters["errors"]);
            bestEngine = bestEngine is null || engineRow.Rps > bestEngine.Rps ? engineRow : bestEngine;
        }

        var rows = new List<ThroughputRow> { bestWrk!, bestEngine! };
        return rows;
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
        Uri url, ConnectionPolicy policy, LoadSimulation[] simulations, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        using var client = LoadHttpClient.Create(policy);
        var step = new HttpStep(client, new HttpRequestSpec { Url = url }, policy);
        var scenario = Scenario.Create("bench", step.InvokeAsync)
            .WithLoadSimulations(simulations)
            .WithWarmUpDuration(warmUp)
            .WithRequestTimeout(TimeSpan.FromSeconds(10));
        return await LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions(), cancellationToken).ConfigureAwait(false);
    }
}
