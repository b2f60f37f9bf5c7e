namespace Harness.Distributed;

/// <summary>Where an agent is: waiting for work, prepared and waiting at the barrier, running, finished, or broken.</summary>
internal enum AgentState
{
    Idle,
    Ready,
    Running,
    Done,
    Failed,
}
