using Harness.Load;
using Harness.Node.Access;
using Harness.Results;
using Harness.Sampling;

namespace Harness.Scenarios;

/// <summary>A new TCP connection per request at a fixed rate, with TIME_WAIT and ephemeral-port use sampled beside the load.</summary>
internal sealed class ConnectionChurnRunner : IScenarioRunner
{
    /// <summary>Linux keeps a closed socket in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN).</summary>
    private const double TimeWaitSeconds = 60;

    public string Kind => ScenarioKinds.ConnectionChurn;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var url = ScenarioUrls.Resolve(scenario, context.Target);
        var policy = scenario.Connections with { Mode = ConnectionMode.NewPerRequest };
        await using var node = new LocalNodeAccess();
        var loop = new SamplerLoop([new SockstatSampler(node), new ConntrackSampler(node)], scenario.SampleInterval, context.Time);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = loop.RunAsync(stopSampling.Token);
        ScenarioResult load;
        try
        {
            load = await HttpScenarioRunner.RunLoadAsync(scenario, url, policy, context, scenario.Name, Kind, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        var values = new SortedDictionary<string, double>(load.Values.ToDictionary(), StringComparer.Ordinal);
        var timeWaitMax = loop.Max("tcp_time_wait");
        var portsMax = loop.Max("ephemeral_ports_in_use");
        var range = loop.Max("ephemeral_port_range");
        values["time_wait_max"] = timeWaitMax;
        values["ephemeral_ports_in_use_max"] = portsMax;
        values["ephemeral_port_range"] = range;
        values["ephemeral_ports_used_ratio_max"] = range > 0 ? Math.Round(portsMax / range, 4) : double.NaN;
        // With the client closing first, each connection holds its port for TIME_WAIT: the sustainable rate per destination is about range / 60 s.
        values["new_connections_per_s_ceiling"] = range > 0 ? Math.Round(range / TimeWaitSeconds, 1) : double.NaN;
        var remote = context.Target.Info.Kind == "remote";
        var notes = new List<string>(load.Notes)
        {
            remote
                ? "Socket counts are the harness's own machine's (the client), not the remote target's: the server side's TIME_WAIT and conntrack live on the target's node (measure it with the conntrack scenario and node: ssh)."
                : "Counts are for this machine's network namespace (client and embedded platform together). The side that closes first holds TIME_WAIT: with Connection: close the server usually closes first, so most TIME_WAIT sockets sit on its port, not on client ephemeral ports.",
        };
        if (context.Distributed is { Options.Runtime: Distributed.DistributedOptions.Kubernetes })
        {
            notes.Add("The load came from Kubernetes agents: the socket counts above are this machine's (the coordinator's), and the agents' own TIME_WAIT and ports are on their nodes, not counted here.");
        }

        notes.AddRange(loop.Errors.Select(e => "sampler: " + e));
        return load with
        {
            Properties = new Dictionary<string, string>(load.Properties) { ["sockets_sampled_on"] = remote ? "the harness's own machine (the client)" : "this machine (client and embedded platform)" },
            Values = values,
            Series = [.. load.Series, .. loop.Series()],
            Notes = notes,
        };
    }
}
