namespace Harness.Distributed;

/// <summary>Turns <c>--agents N --agent-runtime R</c> (and the Kubernetes settings) into the run's distribution (null: one process, as without the flags).</summary>
internal static class DistributedRuntimes
{
    public static DistributedLoad? For(DistributedOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsDistributed)
        {
            return null;
        }

        return options.Runtime switch
        {
            DistributedOptions.Local => new DistributedLoad(options, new LocalAgentRuntime(AgentLaunch.Current())),
            DistributedOptions.Kubernetes => new DistributedLoad(options, new KubernetesAgentRuntime(options, time ?? TimeProvider.System)),
            _ => throw new NotSupportedException($"agent runtime '{options.Runtime}' is not available in this build"),
        };
    }
}
