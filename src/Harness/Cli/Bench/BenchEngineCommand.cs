using System.Globalization;
using Harness.Bench;
using Harness.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench engine</c>: the load engine against wrk (max req/s) and against itself with coordinated omission (latency).</summary>
internal sealed class BenchEngineCommand(IAnsiConsole console) : AsyncCommand<BenchEngineSettings>
{
    private const double TargetRatio = 1.0;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override async Task<int> ExecuteAsync(CommandContext context, BenchEngineSettings settings, CancellationToken cancellationToken)
    {
        var options = new EngineBenchmark.Options(TimeSpan.FromSeconds(settings.Duration), settings.Connections, settings.Rate, TimeSpan.FromSeconds(settings.StallDuration));
        var status = new Progress<string>(s => console.MarkupLineVerbatim($"[grey]{s}[/]"));
        static string F(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "–";

        try
        {
            var throughput = await EngineBenchmark.MaxThroughputAsync(options, status, cancellationToken).ConfigureAwait(false);
            var t = new Table().Title("Maximum throughput, nginx on loopback (best of alternating rounds, same run)")
                .AddColumns("tool", "req/s", "÷ wrk", "client CPU µs/req", "alloc B/req", "p50 ms", "p99 ms", "errors");
            var wrkRps = throughput[0].Rps;
            foreach (var r in throughput)
            {
                t.AddVerbatimRow(r.Tool, F(r.Rps), (r.Rps / wrkRps).ToString("0.00", CultureInfo.InvariantCulture), F(r.CpuMicrosPerRequest), r.AllocatedBytesPerRequest is { } b ? b.ToString("0", CultureInfo.InvariantCulture) : "–", F(r.P50), F(r.P99), r.Errors.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(t);
            var ratio = throughput[1].Rps / wrkRps;
            var asyncRatio = throughput[2].Rps / wrkRps;
            var httpClientRatio = throughput[3].Rps / wrkRps;
            console.MarkupLineVerbatim($"engine/wrk throughput ratio: [bold]{ratio.ToString("0.00", CultureInfo.InvariantCulture)}[/] on the raw-socket fast path's event loop (target >= {TargetRatio.ToString("0.0#", CultureInfo.InvariantCulture)}), {asyncRatio.ToString("0.00", CultureInfo.InvariantCulture)} on its async sockets, {httpClientRatio.ToString("0.00", CultureInfo.InvariantCulture)} on the HttpClient path");
            if (Summary is not null)
            {
                Summary.Engine = new BenchResult(BenchSummary.EngineName,
                    string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00} ({throughput[1].Rps:N0} vs {wrkRps:N0} req/s; {throughput[1].CpuMicrosPerRequest:0.#} vs {throughput[0].CpuMicrosPerRequest:0.#} CPU µs/req); async sockets {asyncRatio:0.00}, HttpClient path {httpClientRatio:0.00}"), "", BenchSummary.EngineTarget, ratio >= TargetRatio);
            }
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineVerbatim($"[yellow]throughput comparison skipped:[/] {e.Message}");
            if (Summary is not null)
            {
                Summary.Engine = BenchResult.NotMeasured(BenchSummary.EngineName, BenchSummary.EngineTarget, e.Message);
            }
        }

        var latency = await EngineBenchmark.CoordinatedOmissionAsync(options, status, cancellationToken).ConfigureAwait(false);
        var l = new Table().Title($"Latency against a server that stalls 1 s every 4 s ({settings.Rate.ToString(CultureInfo.InvariantCulture)}/s open model)")
            .AddColumns("measurement", "p50 ms", "p90 ms", "p99 ms", "max ms");
        foreach (var r in latency)
        {
            l.AddVerbatimRow(r.Measurement, F(r.P50), F(r.P90), F(r.P99), F(r.Max));
        }

        console.Write(l);
        if (latency.Count >= 2 && latency[1].P90 is > 0 && latency[0].P90 is { } openP90)
        {
            console.MarkupLineVerbatim($"p90 open/closed ratio: [bold]{(openP90 / latency[1].P90!.Value).ToString("0", CultureInfo.InvariantCulture)}x[/]: what coordinated omission hides");
            Summary?.Add(new BenchResult(
                string.Create(CultureInfo.InvariantCulture, $"open vs closed model p90 against a server that stalls 1 s every 4 s, {settings.Rate}/s"),
                string.Create(CultureInfo.InvariantCulture, $"{openP90:0} ms vs {latency[1].P90:0.##} ms") + (latency.Count > 2 && latency[2].P90 is { } wrk ? string.Create(CultureInfo.InvariantCulture, $" (wrk from actual send: {wrk:0} ms)") : ""),
                "wrk2 reports several hundred ms", "", null));
        }

        return 0;
    }
}
