using System.Diagnostics;
using System.Reflection;
using Harness.Bench;
using Harness.Cli;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>
/// <c>harness bench all</c>: every end-to-end benchmark in one run (watchdog, gateway, cold start, engine, report), each with
/// its defaults, then one combined table of the four end-to-end ratios with their targets (and the run's other figures).
/// </summary>
/// <remarks>Ratios are only comparable within one run on a noisy machine, hence one command for all of them.</remarks>
internal sealed class BenchAllCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<BenchAllSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchAllSettings settings, CancellationToken cancellationToken)
    {
        var summary = new BenchSummary { StartedAt = environment.Time.GetUtcNow(), LoadAverage = BenchSummary.ReadLoadAverage() };
        var worst = 0;
        console.Write(new Rule("watchdog: http mode vs the upstream direct, fork mode vs a bare spawn loop"));
        worst = Math.Max(worst, await new BenchWatchdogCommand(console, environment) { Summary = summary }.ExecuteAsync(context, new BenchWatchdogSettings { ClassicWatchdog = settings.ClassicWatchdog, OfWatchdog = settings.OfWatchdog }, cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("gateway: gateway → watchdog → nginx vs nginx direct"));
        worst = Math.Max(worst, await new BenchGatewayCommand(console, environment) { Summary = summary }.ExecuteAsync(context, new BenchGatewaySettings
        {
            // of-watchdog alone is the fork benches' baseline; OpenFaaS's chain needs the gateway and provider as well.
            OpenFaasGateway = settings.OpenFaasGateway,
            OpenFaasProvider = settings.OpenFaasProvider,
            OfWatchdog = settings.OpenFaasGateway is null && settings.OpenFaasProvider is null ? null : settings.OfWatchdog,
        }, cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("cold start: scale-from-zero vs the bare interpreter"));
        worst = Math.Max(worst, await new BenchColdStartCommand(console, environment) { Summary = summary }.ExecuteAsync(context, new BenchColdStartSettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("engine: load engine vs wrk, open vs closed model"));
        worst = Math.Max(worst, await new BenchEngineCommand(console) { Summary = summary }.ExecuteAsync(context, new BenchEngineSettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("report: PDF of a ~20-page sample run"));
        worst = Math.Max(worst, new BenchReportCommand(console, environment) { Summary = summary }.Execute(context, new BenchReportSettings(), cancellationToken));
        summary.FinishedAt = environment.Time.GetUtcNow();

        console.Write(new Rule("end-to-end ratios, this run"));
        console.Write(Table(summary.Headline, "ratio"));
        if (summary.Other.Count > 0)
        {
            console.Write(Table(summary.Other, "other figure"));
        }

        var markdown = BenchMarkdown.Write(summary, EnvironmentProbe.Collect(), Build());
        if (settings.Markdown is { } path)
        {
            await File.WriteAllTextAsync(path, markdown, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"wrote {path}");
        }

        if (settings.UpdateReadme is { } readme)
        {
            var (text, error) = ReadmeBlock.Replace(await Harness.Platform.Files.UserFile.ReadAllTextAsync(readme, cancellationToken).ConfigureAwait(false), markdown);
            if (text is null)
            {
                console.MarkupLineVerbatim($"[red]--update-readme: {readme}: {error}[/]");
                return Cli.ExitCodes.UsageError;
            }

            await File.WriteAllTextAsync(readme, text, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"updated the {ReadmeBlock.Start} block of {readme}");
        }

        return worst;
    }

    private static Table Table(IReadOnlyList<BenchResult> rows, string first)
    {
        var table = new Table().AddColumns(first, "measured", "reference", "target", "verdict");
        foreach (var r in rows)
        {
            var verdict = r.Met switch { true => new Markup("[green]met[/]"), false => new Markup("[yellow]missed[/]"), null => ConsoleText.Verbatim(r.Verdict) };
            table.AddRow(ConsoleText.Verbatim(r.Benchmark), ConsoleText.Verbatim(r.Measured), ConsoleText.Verbatim(r.Reference.Length == 0 ? "–" : r.Reference),
                ConsoleText.Verbatim(r.Target.Length == 0 ? "–" : r.Target), verdict);
        }

        return table;
    }

    /// <summary>"Release build, NativeAOT watchdog" or what differs: the figures depend on both.</summary>
    private static string Build()
    {
        var debug = typeof(BenchAllCommand).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true;
        var watchdog = !Harness.Platform.Watchdog.WatchdogLocator.TryFind(out var path) ? "no watchdog found"
            : path.Contains("/artifacts/watchdog/", StringComparison.Ordinal) ? "NativeAOT watchdog" : "JIT watchdog";

        return $"{(debug ? "Debug" : "Release")} build, {watchdog}";
    }
}
