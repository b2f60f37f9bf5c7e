namespace Harness.Distributed;

/// <summary>Where agents run: processes on this machine, or the pods of a Kubernetes Job.</summary>
internal interface IAgentRuntime
{
    /// <summary>local or kubernetes, as results show it.</summary>
    string Name { get; }

    /// <summary>
    /// Starts <paramref name="count"/> agents that accept <paramref name="token"/> and returns once each listens; throws
    /// <see cref="AgentStartException"/> otherwise (nothing left running). <paramref name="length"/> is the longest the
    /// run can take once released (plan, timeouts and margins; null: unbounded, an iteration-bound plan), so a runtime
    /// can give its agents a deadline of their own that holds even when this process is killed.
    /// </summary>
    Task<IAgentPool> StartAsync(int count, string token, TimeSpan? length, CancellationToken cancellationToken);
}
