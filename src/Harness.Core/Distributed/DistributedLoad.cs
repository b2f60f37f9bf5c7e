namespace Harness.Distributed;

/// <summary>A run's distribution: the options and the runtime that starts its agents.</summary>
internal sealed record DistributedLoad(DistributedOptions Options, IAgentRuntime Runtime);
