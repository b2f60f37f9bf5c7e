namespace Harness.Distributed;

/// <summary>One agent as the coordinator reaches it: a client whose base address is the agent's endpoint, and a task that completes if it dies.</summary>
/// <param name="Exited">Completes with a description (exit code, pod phase) when the agent has gone.</param>
/// <param name="ProcessId">The local process, when the agent is one.</param>
internal sealed record AgentEndpoint(int Index, string Name, HttpClient Client, Task<string> Exited, int? ProcessId = null);
