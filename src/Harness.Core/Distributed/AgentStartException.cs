namespace Harness.Distributed;

/// <summary>Agents could not be started or did not come up in time.</summary>
internal sealed class AgentStartException(string message, Exception? inner = null) : Exception(message, inner);
