using System.Globalization;
using Harness.Bench;
using Harness.Cli;
using Harness.Load;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench watchdog</c>: prints the watchdog's throughput as ratios to its baselines (not a test).</summary>
internal sealed class BenchWatchdogCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<BenchWatchdogSettings>
{
    /// <summary>Issue 2's target for http mode: at least a quarter of the upstream's own rate (of-watchdog manages about 0.20).</summary>
    private const double TargetRatio = 0.25;

    /// <summary>Issue 18: fork-mode python through the fork server at least 5× OpenFaaS's watchdogs in the same run.</summary>
    private const double ForkTargetRatio = 5;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override async Task<int> ExecuteAsync(CommandContext context, BenchWatchdogSettings settings, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!Durations.TryParse(settings.Duration, out var duration))
        {
            errors.Add($"--duration: '{settings.Duration}' is not a duration (e.g. 3s, 1500ms)");
            duration = TimeSpan.FromSeconds(3); // keeps the other checks running, so every error is reported at once
        }

        var options = new WatchdogBenchOptions
        {
            Duration = duration,
            Rounds = settings.Rounds,
            Starts = settings.Starts,
            HttpConnections = settings.Connections,
            ForkConnections = settings.ForkConnections,
            Http = !settings.ForkOnly,
            Fork = !settings.HttpOnly,
            NoWrk = settings.NoWrk,
            ClassicWatchdog = settings.ClassicWatchdog,
            OfWatchdog = settings.OfWatchdog,
        };
        errors.AddRange(options.Validate());
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.MarkupLineVerbatim($"[red]{error}[/]");
            }

            return ExitCodes.UsageError;
        }

        ILoopbackLoad load = (options.NoWrk ? null : WrkLoad.TryCreate()) ?? (ILoopbackLoad)new ClientLoad();
        console.MarkupLineVerbatim($"[grey]load: {load.Name}; {options.Rounds} rounds of {options.Duration.TotalSeconds:0.##}s; {Environment.ProcessorCount} cores; {environment.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC[/]");
        var benchmark = new WatchdogBenchmark(options, load, line => console.MarkupLineVerbatim($"[grey]{line}[/]"));
        var rows = await benchmark.RunAsync(cancellationToken).ConfigureAwait(false);
        var start = options.Starts > 0 ? await benchmark.MeasureStartAsync(cancellationToken).ConfigureAwait(false) : (TimeSpan?)null;

        var table = new Table().AddColumns("scenario", "baseline", "baseline req/s", "watchdog req/s", "ratio", "per CPU-s ratio");
        foreach (var row in rows)
        {
            table.AddVerbatimRow(
                row.Scenario,
                row.Baseline,
                row.BaselineRps.ToString("N0", CultureInfo.InvariantCulture),
                row.WatchdogRps.ToString("N0", CultureInfo.InvariantCulture),
                row.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
                row.CpuRatio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
        }

        console.Write(table);
        if (start is { } s)
        {
            console.MarkupLineVerbatim($"watchdog start, spawn to listening: median {s.TotalMilliseconds:F1} ms over {options.Starts} starts ({Harness.Platform.Watchdog.WatchdogLocator.Find()})");
        }

        foreach (var row in rows)
        {
            console.MarkupLineVerbatim($"[grey]{row.Scenario} vs {row.Baseline}: {row.Reference}[/]");
        }

        if (benchmark.PythonPaths.Count > 0)
        {
            var costs = new Table().AddColumns("fork-mode python path", "req/s", "watchdog CPU µs/req", "watchdog ctx switches/req (involuntary)", "function processes CPU µs/req");
            foreach (var path in benchmark.PythonPaths)
            {
                costs.AddVerbatimRow(
                    path.Name,
                    path.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    path.Watchdog.CpuMicros.ToString("N0", CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{path.Watchdog.Switches:0.0} ({path.Watchdog.InvoluntarySwitches:0.0})"),
                    path.FunctionCpuMicros.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(costs);
            console.MarkupLine("[grey]CPU from /proc/PID/stat (the watchdog's own threads; function processes = the children it reaped plus the live tree, " +
                "the fork server included); switches summed over the watchdog's live threads from /proc/PID/task/*/status.[/]");
        }

        Report(rows);
        console.MarkupLine("[grey]ratio = watchdog req/s ÷ baseline req/s, medians of the rounds. per CPU-s ratio = requests per CPU-second of the " +
            "watchdog and upstream together ÷ of the upstream alone (wrk excluded); it varies less on a shared machine.[/]");
        return 0;
    }

    private void Report(IReadOnlyList<WatchdogBenchRow> rows)
    {
        if (Summary is null)
        {
            return;
        }

        static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string R(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        foreach (var row in rows)
        {
            var measured = $"{R(row.Ratio)} ({N(row.WatchdogRps)} vs {N(row.BaselineRps)} req/s)" + (row.CpuRatio is { } cpu ? $"; per CPU-second {R(cpu)}" : "");
            if (row.Scenario.Contains("nginx", StringComparison.OrdinalIgnoreCase) && Summary.Watchdog is null)
            {
                Summary.Watchdog = new BenchResult(BenchSummary.WatchdogName, measured, "of-watchdog ≈ 0.20", BenchSummary.WatchdogTarget, row.Ratio >= TargetRatio);
            }
            else if (row.Scenario.StartsWith("fork: cat", StringComparison.Ordinal))
            {
                Summary.Add(new BenchResult($"watchdog fork mode with `cat`, req/s ÷ a bare spawn loop of `cat`",
                    $"{R(row.Ratio)} ({N(row.WatchdogRps)} vs {N(row.BaselineRps)} per s)", row.Reference, "", null));
            }
            else
            {
                // Only a row against OpenFaaS's own watchdogs carries issue 18's target; the others are context.
                var theirs = row.Baseline.StartsWith("OpenFaaS", StringComparison.Ordinal);
                Summary.Add(new BenchResult($"watchdog {row.Scenario}, req/s ÷ {row.Baseline}", measured, "",
                    theirs ? "≥ 5 (issue 18)" : "", theirs ? row.Ratio >= ForkTargetRatio : null));
            }
        }
    }
}
