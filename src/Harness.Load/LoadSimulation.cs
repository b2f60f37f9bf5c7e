namespace Harness.Load;

/// <summary>One phase of load, as NBomber spells it; build these with <see cref="Simulation"/>.</summary>
public sealed record LoadSimulation
{
    /// <summary>Which NBomber simulation this is.</summary>
    public required LoadSimulationKind Kind { get; init; }
    /// <summary>Injections per <see cref="Interval"/> (open kinds) or concurrent copies (closed kinds); for ramps, the value reached at the end.</summary>
    public double Value { get; init; }
    /// <summary>The period <see cref="Value"/> counts injections in (open kinds).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long this phase lasts.</summary>
    public TimeSpan During { get; init; }
    /// <summary>For the <c>IterationsFor*</c> kinds: stop after this many iterations instead of a duration.</summary>
    public long? Iterations { get; init; }

    /// <summary>True for the injection (open model) kinds.</summary>
    public bool IsOpen => Kind is LoadSimulationKind.Inject or LoadSimulationKind.RampingInject or LoadSimulationKind.IterationsForInject;

    /// <summary>True for the constant-copies (closed model) kinds.</summary>
    public bool IsClosed => Kind is LoadSimulationKind.KeepConstant or LoadSimulationKind.RampingConstant or LoadSimulationKind.IterationsForConstant;
}
