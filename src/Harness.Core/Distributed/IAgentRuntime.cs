namespace Harness.Distributed;

/// <summary>Where agents run: processes on this machine, or the pods of a Kubernetes Job.</summary>
internal interface IAgentRuntime
{
    /// <summary>local or kubernetes, as results show it.</summary>
    string Name { get; }

    /// <summary>Starts <paramref name="count"/> agents that accept <paramref name="token"/> and returns once each listens; throws <see cref="AgentStartException"/> otherwise (nothing left running).</summary>
    Task<IAgentPool> StartAsync(int count, string token, CancellationToken cancellationToken);
}
