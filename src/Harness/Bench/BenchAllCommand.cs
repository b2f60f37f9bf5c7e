using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Bench;

/// <summary><c>harness bench all</c>: every end-to-end benchmark in one run (watchdog, gateway, cold start, engine, report), each with its defaults.</summary>
/// <remarks>Ratios are only comparable within one run on a noisy machine, hence one command for all of them.</remarks>
internal sealed class BenchAllCommand(IAnsiConsole console) : AsyncCommand<BenchAllSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchAllSettings settings, CancellationToken cancellationToken)
    {
        var worst = 0;
        console.Write(new Rule("watchdog: http mode vs the upstream direct, fork mode vs a bare spawn loop"));
        worst = Math.Max(worst, await new BenchWatchdogCommand(console).ExecuteAsync(context, new BenchWatchdogSettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("gateway: gateway → watchdog → nginx vs nginx direct"));
        worst = Math.Max(worst, await new BenchGatewayCommand(console).ExecuteAsync(context, new BenchGatewaySettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("cold start: scale-from-zero vs the bare interpreter"));
        worst = Math.Max(worst, await new BenchColdStartCommand(console).ExecuteAsync(context, new BenchColdStartSettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("engine: load engine vs wrk, open vs closed model"));
        worst = Math.Max(worst, await new BenchEngineCommand(console).ExecuteAsync(context, new BenchEngineSettings(), cancellationToken).ConfigureAwait(false));
        console.Write(new Rule("report: PDF of a ~20-page sample run"));
        worst = Math.Max(worst, new BenchReportCommand(console).Execute(context, new BenchReportSettings(), cancellationToken));
        return worst;
    }
}
