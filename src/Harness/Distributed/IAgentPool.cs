namespace Harness.Distributed;

/// <summary>Started agents; disposing it stops and removes every one of them, whatever state they are in.</summary>
internal interface IAgentPool : IAsyncDisposable
{
    IReadOnlyList<AgentEndpoint> Agents { get; }
}
