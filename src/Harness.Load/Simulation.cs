namespace Harness.Load;

/// <summary>Load simulations with NBomber's names: <c>Inject</c>/<c>RampingInject</c> (open), <c>KeepConstant</c>/<c>RampingConstant</c> (closed).</summary>
public static class Simulation
{
    /// <summary>Starts <paramref name="rate"/> iterations every <paramref name="interval"/>, evenly spaced, for <paramref name="during"/>.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during)
        => new() { Kind = LoadSimulationKind.Inject, Value = rate, Interval = interval, During = during };

    /// <summary>Ramps the injection rate linearly from the previous phase's rate to <paramref name="rate"/>.</summary>
    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during)
        => new() { Kind = LoadSimulationKind.RampingInject, Value = rate, Interval = interval, During = during };

    /// <summary>Keeps <paramref name="copies"/> looping virtual users for <paramref name="during"/>.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during)
        => new() { Kind = LoadSimulationKind.KeepConstant, Value = copies, During = during };

    /// <summary>Ramps the number of looping virtual users linearly from the previous phase's count to <paramref name="copies"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during)
        => new() { Kind = LoadSimulationKind.RampingConstant, Value = copies, During = during };

    /// <summary>Injects at a constant rate until <paramref name="iterations"/> iterations have started.</summary>
    public static LoadSimulation IterationsForInject(double rate, TimeSpan interval, long iterations)
        => new() { Kind = LoadSimulationKind.IterationsForInject, Value = rate, Interval = interval, Iterations = iterations };

    /// <summary>Keeps <paramref name="copies"/> virtual users looping until <paramref name="iterations"/> iterations are done.</summary>
    public static LoadSimulation IterationsForConstant(int copies, long iterations)
        => new() { Kind = LoadSimulationKind.IterationsForConstant, Value = copies, Iterations = iterations };

    /// <summary>No load for <paramref name="during"/>.</summary>
    public static LoadSimulation Pause(TimeSpan during)
        => new() { Kind = LoadSimulationKind.Pause, During = during };
}
