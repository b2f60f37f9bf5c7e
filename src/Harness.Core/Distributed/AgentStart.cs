namespace Harness.Distributed;

/// <summary>The start barrier: every agent begins its plan at <see cref="At"/> (UTC), a moment chosen a little ahead so all have it in time.</summary>
internal sealed record AgentStart(DateTimeOffset At);
