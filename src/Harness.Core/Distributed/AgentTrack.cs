using Harness.Load;
using Harness.Results;

namespace Harness.Distributed;

/// <summary>What the coordinator knows of one agent during a run: its latest snapshot, state, start, and fault.</summary>
internal sealed class AgentTrack(AgentEndpoint endpoint, ExecutionSegment segment)
{
    public AgentEndpoint Endpoint { get; } = endpoint;

    public ExecutionSegment Segment { get; } = segment;

    public AgentState State { get; set; } = AgentState.Idle;

    public LoadSnapshot? Snapshot { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public ScenarioResult? Result { get; set; }

    /// <summary>Why the agent is out of the run (failed, died, unreachable); null while it is fine.</summary>
    public string? Fault { get; set; }

    public int FailedPolls { get; set; }

    /// <summary>Done, failed or lost: nothing more will come from it.</summary>
    public bool Finished => State is AgentState.Done or AgentState.Failed || Fault is not null;

    /// <summary>The first per-second bucket to ask for (the last ones are asked again: they may still have grown).</summary>
    public int NextSecond => Snapshot is null ? 0 : Math.Max(0, Snapshot.FirstSecond + Snapshot.Seconds.Count - 2);

    public void Take(AgentStatus status)
    {
        FailedPolls = 0;
        State = status.State;
        StartedAt ??= status.StartedAt;
        if (status.Snapshot is { } s)
        {
            Snapshot = Snapshot is null ? s : Snapshot.Then(s);
        }

        Result ??= status.Result;
        if (status.State == AgentState.Failed)
        {
            Fault ??= status.Error ?? "failed";
        }
    }
}
