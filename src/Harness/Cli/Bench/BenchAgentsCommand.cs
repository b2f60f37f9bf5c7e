using System.Globalization;
using Harness.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary><c>harness bench agents</c>: N local agents' total max req/s and client CPU per request against one process's, and the agents' start skew.</summary>
internal sealed class BenchAgentsCommand(IAnsiConsole console) : AsyncCommand<BenchAgentsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchAgentsSettings settings, CancellationToken cancellationToken)
    {
        var status = new Progress<string>(s => console.MarkupLineVerbatim($"[grey]{s}[/]"));
        static string F(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "–";
        var rows = await AgentsBenchmark.RunAsync(new AgentsBenchmark.Options(Math.Max(1, settings.Agents), TimeSpan.FromSeconds(settings.Duration), settings.Vus), status, cancellationToken)
            .ConfigureAwait(false);
        var t = new Table().Title("Maximum throughput on loopback, same run").AddColumns("setup", "req/s", "client CPU µs/req", "p99 ms", "errors", "start skew ms");
        foreach (var r in rows)
        {
            var cpu = F(r.CpuUs) + (r.CoordinatorCpuUs is { } c ? $" (coordinator {F(c)})" : "") + (r.ServerInProcess ? " (with the in-process server)" : "");
            t.AddVerbatimRow(r.Setup, F(r.Rps), cpu, F(r.P99), r.Errors.ToString(CultureInfo.InvariantCulture), F(r.SkewMs));
        }

        console.Write(t);
        console.MarkupLineVerbatim($"agents/one-process throughput ratio: [bold]{(rows[1].Rps / rows[0].Rps).ToString("0.00", CultureInfo.InvariantCulture)}[/]; CPU per request ratio [bold]{(rows[1].CpuUs / rows[0].CpuUs is { } cr ? cr.ToString("0.00", CultureInfo.InvariantCulture) : "–")}[/]; start skew [bold]{F(rows[1].SkewMs)} ms[/] (target < 50 ms)");
        console.MarkupLine("[grey]On one machine the agents share its cores with the server: the ratio says what the engine leaves unused, not what more machines add.[/]");
        return 0;
    }
}
