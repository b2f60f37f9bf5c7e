using System.Globalization;
using Harness.Bench;
using Harness.Cli;
using Harness.Platform;
using Harness.Scenarios;
using Harness.Statistics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>
/// <c>harness bench cold-start</c>: scale-from-zero to first byte (python3-http, sandboxed) as a ratio to the same
/// template's server started bare, beside the other baselines and the sandbox's cost (not a test).
/// </summary>
internal sealed class BenchColdStartCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<BenchColdStartSettings>
{
    /// <summary>The platform adds at most half of what the template's own server needs to start.</summary>
    private const double TargetRatio = 1.5;

    /// <summary>Issue 18's milestone and moonshot for the scale-from-zero p50.</summary>
    private const double MilestoneMs = 15;
    private const double MoonshotMs = 10;

    /// <summary>Issue 13's budget: what the sandbox may add to the scale-from-zero p50.</summary>
    private const double SandboxBudgetMs = 5;

    /// <summary>Where <c>bench all</c> collects the combined table; null when run alone.</summary>
    internal BenchSummary? Summary { get; init; }

    public override async Task<int> ExecuteAsync(CommandContext context, BenchColdStartSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Repetitions is < 1 or > 400)
        {
            console.MarkupLine("[red]--repetitions must be between 1 and 400[/]");
            return ExitCodes.UsageError;
        }

        console.MarkupLineVerbatim($"[grey]{settings.Repetitions} alternating rounds; {Environment.ProcessorCount} cores; {environment.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC; load average {BenchSummary.ReadLoadAverage()?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"}[/]");
        ColdStartSamples samples;
        try
        {
            samples = await new ColdStartBenchmark(settings.Repetitions, !settings.NoSandboxVariants, line => console.MarkupLineVerbatim($"[grey]{line}[/]"))
                .RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlatformStartException or InvalidOperationException or TimeoutException or HttpRequestException or ScenarioRunException)
        {
            console.MarkupLineVerbatim($"[red]cold-start benchmark could not run: {e.Message}[/]");
            if (Summary is not null)
            {
                Summary.ColdStart = BenchResult.NotMeasured(BenchSummary.ColdStartName, BenchSummary.ColdStartTarget, e.Message);
            }

            return 1;
        }

        var template = SampleMedian.Of(samples.TemplateServer);
        var table = new Table().AddColumns("path", "median ms", "min ms", "max ms", "÷ template server bare", "replica CPU ms (monitor)");
        foreach (var (variant, monitor, cold, cpu, monitorCpu) in samples.Platforms)
        {
            Row(table, $"scale-from-zero → first byte, {variant.Label}{(monitor is null ? "" : $" (monitor: {monitor})")}", cold, template,
                string.Create(CultureInfo.InvariantCulture, $"{SampleMedian.Of(cpu):0.0} ({SampleMedian.Of(monitorCpu):0.0})"));
        }

        Row(table, "python3-http template's server started bare (spawn → first 200)", samples.TemplateServer, template);
        Row(table, "watchdog (http mode, no sandbox) + stdlib http.server (the OpenFaaS-style pair; spawn → first 200)", samples.WatchdogPair, template);
        Row(table, "stdlib http.server alone (spawn → first 200)", samples.StdlibServer, template);
        Row(table, "python3 -c pass (spawn → exit)", samples.PythonPass, template);
        Row(table, "interpreter with the runtime pre-imported: handler import → first 200 (the pre-forked server's floor)", samples.PreImported, template);
        console.Write(table);
        console.MarkupLine("[grey]A function scaled to zero keeps a standby replica on the platform as deployed: every round waited (at most 10 s) until it was prepared, as it is for a function idle for the idler's period, then called.[/]");

        var cold0 = SampleMedian.Of(samples.Platforms[0].Samples);
        var ratio = template > 0 ? cold0 / template : double.NaN;
        var verdict = ratio <= TargetRatio ? "[green]meets[/]" : "[yellow]misses[/]";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"scale-from-zero ÷ template server bare: {ratio:0.00} (target ≤ {TargetRatio}): {verdict} the target"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"scale-from-zero p50 {cold0:0.0} ms: milestone ≤ {MilestoneMs} ms {(cold0 <= MilestoneMs ? "met" : "missed")}, moonshot ≤ {MoonshotMs} ms {(cold0 <= MoonshotMs ? "met" : "missed")}"));
        if (samples.Platforms.FirstOrDefault(p => p.Variant == ColdStartVariant.NoPrefork) is { Samples: { } spawned } && spawned.Count > 0)
        {
            // Paired like the sandbox's cost below: the same round timed both, one after the other. Against the
            // pre-forked variant without a standby when it ran, so that each line shows one step's saving.
            var forked = samples.Platforms.FirstOrDefault(p => p.Variant == ColdStartVariant.NoStandby) is { Samples.Count: > 0 } f ? f : samples.Platforms[0];
            var saved = MedianInterval.Of(spawned.Zip(forked.Samples, (without, with) => without - with).ToList());
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"pre-forking saves {saved.Median:0.0} ms of the p50 (no pre-forking − {forked.Variant.Label}; {saved.Confidence:P0} interval {saved.Low:0.0} to {saved.High:0.0} ms; median of per-round differences)"));
        }

        // The sandbox's cost is taken without pre-forking, which needs the sandbox: otherwise it would show as a gain.
        var sandboxed = samples.Platforms.Any(p => p.Variant == ColdStartVariant.NoPrefork)
            ? samples.Platforms.First(p => p.Variant == ColdStartVariant.NoPrefork)
            : samples.Platforms[0];
        if (samples.Platforms.FirstOrDefault(p => p.Variant == ColdStartVariant.Unsandboxed) is { Samples: { } bare, Cpu: { } bareCpu })
        {
            // Each round times both paths one after the other, so the per-round difference cancels the machine's drift;
            // the verdict needs the whole interval of its median on one side of the budget.
            var cost = MedianInterval.Of(sandboxed.Samples.Zip(bare, (inside, outside) => inside - outside).ToList());
            var cpuCost = MedianInterval.Of(sandboxed.Cpu.Zip(bareCpu, (inside, outside) => inside - outside).ToList());
            var costVerdict = cost.High <= SandboxBudgetMs ? "met"
                : cost.Low > SandboxBudgetMs ? "missed"
                : $"not settled by {bare.Count} rounds; run more with -n";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"the sandbox (without pre-forking) adds {cost.Median:0.0} ms to the p50 ({cost.Confidence:P0} interval {cost.Low:0.0} to {cost.High:0.0} ms; budget ≤ {SandboxBudgetMs} ms: {costVerdict}) and {cpuCost.Median:0.0} ms of replica CPU per cold start ({cpuCost.Low:0.0} to {cpuCost.High:0.0}); medians of per-round differences"));
        }

        if (samples.Platforms.FirstOrDefault(p => p.Variant == ColdStartVariant.NoStandby) is { Samples: { } started } && started.Count > 0)
        {
            // Paired like the sandbox's cost: the same round timed both, one after the other.
            var saved = MedianInterval.Of(started.Zip(samples.Platforms[0].Samples, (without, with) => without - with).ToList());
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"the standby replica saves {saved.Median:0.0} ms of the p50 ({saved.Confidence:P0} interval {saved.Low:0.0} to {saved.High:0.0} ms; median of per-round differences)"));
        }

        if (Summary is not null)
        {
            Summary.ColdStart = new BenchResult(BenchSummary.ColdStartName,
                string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00} ({cold0:0.0} ms vs {template:0.0} ms, medians of {samples.TemplateServer.Count}); stdlib http.server {SampleMedian.Of(samples.StdlibServer):0.0} ms, watchdog + http.server {SampleMedian.Of(samples.WatchdogPair):0.0} ms, python3 -c pass {SampleMedian.Of(samples.PythonPass):0.0} ms"),
                "", BenchSummary.ColdStartTarget, ratio <= TargetRatio);
        }

        return 0;
    }

    private static void Row(Table table, string label, IReadOnlyList<double> samples, double template, string cpu = "–")
    {
        var median = SampleMedian.Of(samples);
        table.AddRow(Markup.Escape(label), F(median), F(samples.Min()), F(samples.Max()), template > 0 ? (median / template).ToString("0.00", CultureInfo.InvariantCulture) : "–", cpu);
    }

    private static string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
