using System.Globalization;
using Harness.Distributed;
using Harness.Load;
using Harness.Scenarios;

namespace Harness.Bench;

/// <summary>Max req/s of N local agents against one process's engine, and the agents' start skew, in one run against a loopback server.</summary>
internal static class AgentsBenchmark
{
    public sealed record Options(int Agents, TimeSpan Duration, int Vus);

    public sealed record Row(string Setup, double Rps, double? P99, long Errors, double? SkewMs);

    public static async Task<IReadOnlyList<Row>> RunAsync(Options options, IProgress<string> status, CancellationToken cancellationToken)
    {
        await using var target = await LoopbackAsync(cancellationToken).ConfigureAwait(false);
        var url = target.Url;
        status.Report($"one process: constant-vus {options.Vus} for {options.Duration.TotalSeconds:0}s against {target.Name}");
        var one = await EngineBenchmark.RunEngineAsync(url, ConnectionPolicy.KeepAlive(options.Vus),
            [Simulation.KeepConstant(options.Vus, options.Duration)], TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);

        status.Report($"{options.Agents} local agents: the same load split in {options.Agents} execution segments");
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: bench-agents
            target: {url: "{{url}}"}
            load: {model: constant-vus, vus: {{options.Vus}}, duration: {{options.Duration.TotalSeconds:0}}s, warmUp: 1s}
            connections: {mode: keep-alive, max: {{options.Vus}}}
            """);
        var parsed = ScenarioFileParser.Parse(yaml, "bench-agents.yml");
        var scenario = parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
        var coordinator = new AgentCoordinator(new LocalAgentRuntime(AgentLaunch.Current()), TimeProvider.System);
        var many = await coordinator.RunAsync(scenario, url, true, options.Agents, null, cancellationToken).ConfigureAwait(false);
        if (many.Error is { } error)
        {
            throw new InvalidOperationException(error);
        }

        static double? P99(Harness.Results.ScenarioResult r) => r.Metrics.TryGetValue("http_req_duration", out var m) ? m.P99 : null;
        return
        [
            new Row("one process", one.Values["rps"], P99(one), one.Counters["errors"], null),
            new Row($"{options.Agents} local agents", many.Values["rps"], P99(many), many.Counters["errors"], many.Distributed?.StartSkewMs),
        ];
    }

    private static async Task<Loopback> LoopbackAsync(CancellationToken cancellationToken)
    {
        if (NginxTarget.Find() is { } nginx)
        {
            var n = await NginxTarget.StartAsync(nginx, 2, cancellationToken).ConfigureAwait(false);
            return new Loopback("nginx", n.Url, n);
        }

        var k = await StallTarget.StartAsync(0, TimeSpan.Zero, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new Loopback("Kestrel", k.Url, k);
    }

    private sealed record Loopback(string Name, Uri Url, IAsyncDisposable Server) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
