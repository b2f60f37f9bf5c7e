using System.Globalization;
using Harness.Cli;
using Harness.Platform;
using Harness.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;
using Harness.Statistics;
using Harness.Bench;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench cold-start</c>: scale-from-zero to first byte (python3-http) as a ratio to the bare interpreter's start-to-ready time (not a test).</summary>
internal sealed class BenchColdStartCommand(IAnsiConsole console) : AsyncCommand<BenchColdStartSettings>
{
    /// <summary>Issue 3's target: the platform adds at most half of what the interpreter itself needs to start.</summary>
    private const double TargetRatio = 1.5;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override async Task<int> ExecuteAsync(CommandContext context, BenchColdStartSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Repetitions is < 1 or > 100)
        {
            console.MarkupLine("[red]--repetitions must be between 1 and 100[/]");
            return ExitCodes.UsageError;
        }

        console.MarkupLineVerbatim($"[grey]{settings.Repetitions} alternating rounds; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC[/]");
        IReadOnlyList<double> platform, interpreter;
        try
        {
            (platform, interpreter) = await new ColdStartBenchmark(settings.Repetitions, line => console.MarkupLineVerbatim($"[grey]{line}[/]"))
                .RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlatformStartException or InvalidOperationException or TimeoutException or HttpRequestException or ScenarioRunException)
        {
            console.MarkupLineVerbatim($"[red]cold-start benchmark could not run: {e.Message}[/]");
            if (Summary is not null) Summary.ColdStart = BenchResult.NotMeasured(BenchSummary.ColdStartName, BenchSummary.ColdStartTarget, e.Message);
            return 1;
        }

        var cold = SampleMedian.Of(platform);
        var bare = SampleMedian.Of(interpreter);
        var ratio = bare > 0 ? cold / bare : double.NaN;
        var table = new Table().AddColumns("path", "median ms", "min ms", "max ms");
        table.AddRow("scale-from-zero → first byte (gateway + watchdog + python3-http)", F(cold), F(platform.Min()), F(platform.Max()));
        table.AddRow("bare interpreter start → ready (python3 stdlib server)", F(bare), F(interpreter.Min()), F(interpreter.Max()));
        console.Write(table);
        var verdict = ratio <= TargetRatio ? "[green]meets[/]" : "[yellow]misses[/]";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"cold start ÷ interpreter start: {ratio:0.00} (target ≤ {TargetRatio}): {verdict} the target"));
        if (Summary is not null)
        {
            Summary.ColdStart = new BenchResult(BenchSummary.ColdStartName,
                string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00} ({cold:0.0} ms vs {bare:0.0} ms, medians of {platform.Count})"), "", BenchSummary.ColdStartTarget, ratio <= TargetRatio);
        }
        return 0;
    }

    private static string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
