using System.Globalization;
using Harness.Distributed;
using Harness.Load;
using Harness.Scenarios;

namespace Harness.Bench;

/// <summary>
/// Max req/s of N local agents against one process's engine, the client CPU each spends per request, and the agents'
/// start skew, in one run against a loopback server.
/// </summary>
/// <remarks>
/// CPU comes from /proc: for one process, its own utime+stime over the run; for the agents, each agent's CPU from the
/// moment it listens (its runtime start and JIT excluded) to its exit (the kernel adds an exited child's CPU to the
/// parent's cutime+cstime), plus the coordinator's own (this process: polls and merge) over the run.
/// </remarks>
internal static class AgentsBenchmark
{
    public sealed record Options(int Agents, TimeSpan Duration, int Vus);

    /// <param name="CpuUs">Client CPU µs per request (for agents: agents and coordinator together).</param>
    /// <param name="CoordinatorCpuUs">Agents only: the coordinator's part of <paramref name="CpuUs"/>.</param>
    /// <param name="ServerInProcess">The fallback server (Kestrel) runs in this process, so the one-process CPU includes it.</param>
    public sealed record Row(string Setup, double Rps, double? P99, long Errors, double? SkewMs, double? CpuUs = null, double? CoordinatorCpuUs = null, bool ServerInProcess = false);

    public static async Task<IReadOnlyList<Row>> RunAsync(Options options, IProgress<string> status, CancellationToken cancellationToken)
    {
        await using var target = await LoopbackAsync(cancellationToken).ConfigureAwait(false);
        var url = target.Url;
        status.Report($"one process: constant-vus {options.Vus} for {options.Duration.TotalSeconds:0}s against {target.Name}");
        var selfBefore = ProcessTreeCpu.SelfSeconds();
        var one = await EngineBenchmark.RunEngineAsync(url, ConnectionPolicy.KeepAlive(options.Vus),
            [Simulation.KeepConstant(options.Vus, options.Duration)], TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);

        var oneCpu = ProcessTreeCpu.SelfSeconds() - selfBefore;
        status.Report($"{options.Agents} local agents: the same load split in {options.Agents} execution segments");
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            name: bench-agents
            target: {url: "{{url}}"}
            load: {model: constant-vus, vus: {{options.Vus}}, duration: {{options.Duration.TotalSeconds:0}}s, warmUp: 1s}
            connections: {mode: keep-alive, max: {{options.Vus}}}
            """);
        var parsed = ScenarioFileParser.Parse(yaml, "bench-agents.yml");
        var scenario = parsed.Scenario ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics));
        var metered = new MeteredRuntime(new LocalAgentRuntime(AgentLaunch.Current()));
        var coordinator = new AgentCoordinator(metered, TimeProvider.System);
        var reapedBefore = ProcessTreeCpu.ReapedChildrenSeconds();
        selfBefore = ProcessTreeCpu.SelfSeconds();
        var many = await coordinator.RunAsync(scenario, url, true, options.Agents, null, cancellationToken).ConfigureAwait(false);
        var coordinatorCpu = ProcessTreeCpu.SelfSeconds() - selfBefore;
        var agentsCpu = ProcessTreeCpu.ReapedChildrenSeconds() - reapedBefore - metered.CpuAtStart;
        if (many.Error is { } error)
        {
            throw new InvalidOperationException(error);
        }

        static double? P99(Harness.Results.ScenarioResult r) => r.Metrics.TryGetValue("http_req_duration", out var m) ? m.P99 : null;
        static double? PerRequest(double seconds, long requests) => requests > 0 ? seconds * 1e6 / requests : null;
        var manyRequests = many.Counters["requests"];
        return
        [
            new Row("one process", one.Values["rps"], P99(one), one.Counters["errors"], null, PerRequest(oneCpu, one.Counters["requests"]), ServerInProcess: target.Name == "Kestrel"),
            new Row($"{options.Agents} local agents", many.Values["rps"], P99(many), many.Counters["errors"], many.Distributed?.StartSkewMs,
                PerRequest(agentsCpu + coordinatorCpu, manyRequests), PerRequest(coordinatorCpu, manyRequests)),
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

    /// <summary>Reads each agent's CPU once it listens, so their start-up is not counted as the run's.</summary>
    private sealed class MeteredRuntime(IAgentRuntime inner) : IAgentRuntime
    {
        public string Name => inner.Name;

        public double CpuAtStart { get; private set; }

        public async Task<IAgentPool> StartAsync(int count, string token, TimeSpan? length, CancellationToken cancellationToken)
        {
            var pool = await inner.StartAsync(count, token, length, cancellationToken).ConfigureAwait(false);
            CpuAtStart = pool.Agents.Sum(a => a.ProcessId is { } pid ? ProcessTreeCpu.ProcessSeconds(pid) ?? 0 : 0);
            return pool;
        }
    }

    private sealed record Loopback(string Name, Uri Url, IAsyncDisposable Server) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
