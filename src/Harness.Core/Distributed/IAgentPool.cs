namespace Harness.Distributed;

/// <summary>Started agents; disposing it stops and removes every one of them, whatever state they are in.</summary>
internal interface IAgentPool : IAsyncDisposable
{
    IReadOnlyList<AgentEndpoint> Agents { get; }

    /// <summary>After disposal: what could not be removed (a pod still there, a refused delete); empty when nothing is left.</summary>
    IReadOnlyList<string> Leftovers => [];
}
