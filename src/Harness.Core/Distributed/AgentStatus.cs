using Harness.Load;
using Harness.Results;

namespace Harness.Distributed;

/// <summary>An agent's answer to a poll: its state, when it actually started, what it measured (the buckets the poller asked for), and its own result once done.</summary>
internal sealed record AgentStatus
{
    public required AgentState State { get; init; }
    public string? Segment { get; init; }
    /// <summary>When the agent's plan actually began (UTC); its distance from the barrier is the start skew.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    public LoadSnapshot? Snapshot { get; init; }
    /// <summary>The agent's own result (without thresholds: those are judged on the merge), once done.</summary>
    public ScenarioResult? Result { get; init; }
    public string? Error { get; init; }
}
