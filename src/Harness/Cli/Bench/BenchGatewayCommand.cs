using System.Globalization;
using Harness.Cli;
using Harness.Load;
using Spectre.Console;
using Spectre.Console.Cli;
using Harness.Bench;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench gateway</c>: the gateway chain's rate and p99 as ratios to the upstream hit directly (not a test).</summary>
internal sealed class BenchGatewayCommand(IAnsiConsole console) : AsyncCommand<BenchGatewaySettings>
{
    /// <summary>OpenFaaS (gateway → provider → of-watchdog → upstream) on this machine under wrk -t2 -c32, from issue 3.</summary>
    private const double OpenFaasRatio = 0.056;
    private const double OpenFaasP99Ms = 31;
    private const double TargetRatio = 0.12;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override async Task<int> ExecuteAsync(CommandContext context, BenchGatewaySettings settings, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!Durations.TryParse(settings.Duration, out var duration)) errors.Add($"--duration: '{settings.Duration}' is not a duration (e.g. 5s)");
        var options = new GatewayBenchOptions { Duration = duration, Rounds = settings.Rounds, Threads = settings.Threads, Connections = settings.Connections };
        if (errors.Count == 0) errors.AddRange(options.Validate());
        var load = WrkLatencyLoad.TryCreate();
        if (load is null) errors.Add("wrk is needed (apt-get install wrk; ./build.sh setup installs it)");
        if (errors.Count > 0)
        {
            foreach (var error in errors) console.MarkupLineVerbatim($"[red]{error}[/]");
            return ExitCodes.UsageError;
        }

        console.MarkupLineVerbatim($"[grey]wrk -t{options.Threads} -c{options.Connections}, {options.Rounds} rounds of {options.Duration.TotalSeconds:0.##}s; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC[/]");
        var rows = await new GatewayBenchmark(options, load!, line => console.MarkupLineVerbatim($"[grey]{line}[/]")).RunAsync(cancellationToken).ConfigureAwait(false);

        var table = new Table().AddColumns("path", "req/s", "p99 ms", "ratio to direct");
        foreach (var row in rows)
        {
            table.AddVerbatimRow(row.Path, row.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                row.P99Ms.ToString("0.##", CultureInfo.InvariantCulture), row.RatioToDirect.ToString("0.000", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var chain = rows[^1];
        var verdict = chain.RatioToDirect >= TargetRatio && chain.P99Ms <= OpenFaasP99Ms ? "[green]meets[/]" : "[yellow]misses[/]";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway chain: ratio {chain.RatioToDirect:0.000} (OpenFaaS {OpenFaasRatio}, target ≥ {TargetRatio}), p99 {chain.P99Ms:0.##} ms (OpenFaaS {OpenFaasP99Ms} ms): {verdict} the target"));
        if (Summary is not null)
        {
            Summary.Gateway = new BenchResult(BenchSummary.GatewayName,
                string.Create(CultureInfo.InvariantCulture, $"{chain.RatioToDirect:0.000} ({chain.RequestsPerSecond:N0} vs {rows[0].RequestsPerSecond:N0} req/s), p99 {chain.P99Ms:0.#} ms"),
                string.Create(CultureInfo.InvariantCulture, $"OpenFaaS chain {OpenFaasRatio}, p99 {OpenFaasP99Ms} ms"), BenchSummary.GatewayTarget,
                chain.RatioToDirect >= TargetRatio && chain.P99Ms <= OpenFaasP99Ms);
        }

        console.MarkupLine("[grey]ratio = req/s through the path ÷ req/s of the upstream hit directly, medians of the rounds, all in one run.[/]");
        return 0;
    }
}
