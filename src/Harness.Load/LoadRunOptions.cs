namespace Harness.Load;

/// <summary>How a scenario is run: the clock, where live progress goes, and the result kind to record.</summary>
internal sealed record LoadRunOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IProgress<LoadProgress>? Progress { get; init; }
    public string Kind { get; init; } = "http";
    /// <summary>The part of the plan to run (one agent's execution segment); the whole plan by default.</summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;
    /// <summary>Receives a snapshot of what was measured at most every <see cref="SnapshotInterval"/> while samples arrive, and a final one.</summary>
    public Action<LoadSnapshot>? Snapshots { get; init; }
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>False keeps a fixed request on the async-socket path (<see cref="LoadExecutor"/>) even where the event loop could run it: comparisons, benchmarks.</summary>
    public bool EventLoop { get; init; } = true;
    /// <summary>Event-loop threads (one per core when null).</summary>
    public int? EventLoops { get; init; }
}
