using Harness.Load;
using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>What a scenario runner gets: the target, a sink for live progress and status text, and the clock.</summary>
internal sealed record ScenarioRunContext
{
    public required IRunTarget Target { get; init; }
    public IProgress<LoadProgress>? Progress { get; init; }
    /// <summary>Short status lines ("scaling to zero", "cycle 2/3").</summary>
    public IProgress<string>? Status { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>The node: section of the run's --target file (parsed with the target); null without --target.</summary>
    public Node.Access.NodeTarget? TargetNode { get; init; }
    /// <summary>Spread plain-load scenarios over agents (<c>--agents N</c>); null runs them in this process.</summary>
    public Distributed.DistributedLoad? Distributed { get; init; }
}
