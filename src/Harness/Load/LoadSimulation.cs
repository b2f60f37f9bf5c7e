namespace Harness.Load;

/// <summary>One phase of load, as NBomber spells it; build these with <see cref="Simulation"/>.</summary>
public sealed record LoadSimulation
{
    public required LoadSimulationKind Kind { get; init; }
    /// <summary>Injections per <see cref="Interval"/> (open kinds) or concurrent copies (closed kinds); for ramps, the value reached at the end.</summary>
    public double Value { get; init; }
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan During { get; init; }
    /// <summary>For the <c>IterationsFor*</c> kinds: stop after this many iterations instead of a duration.</summary>
    public long? Iterations { get; init; }

    public bool IsOpen => Kind is LoadSimulationKind.Inject or LoadSimulationKind.RampingInject or LoadSimulationKind.IterationsForInject;

    public bool IsClosed => Kind is LoadSimulationKind.KeepConstant or LoadSimulationKind.RampingConstant or LoadSimulationKind.IterationsForConstant;
}
