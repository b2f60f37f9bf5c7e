namespace Harness.Distributed;

/// <summary>Turns <c>--agents N --agent-runtime R</c> into the run's distribution (null: one process, as without the flags).</summary>
internal static class DistributedRuntimes
{
    public static DistributedLoad? For(int? agents, string? runtime)
    {
        var options = new DistributedOptions { Agents = agents ?? 1, Runtime = runtime ?? DistributedOptions.Local };
        if (!options.IsDistributed)
        {
            return null;
        }

        return options.Runtime switch
        {
            DistributedOptions.Local => new DistributedLoad(options, new LocalAgentRuntime(AgentLaunch.Current())),
            _ => throw new NotSupportedException($"agent runtime '{options.Runtime}' is not available in this build"),
        };
    }
}
