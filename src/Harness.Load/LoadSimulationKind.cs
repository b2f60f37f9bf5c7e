namespace Harness.Load;

/// <summary>NBomber's load simulation kinds: inject (open model) and constant copies (closed model).</summary>
public enum LoadSimulationKind
{
    /// <summary>A fixed injection rate (open model).</summary>
    Inject,
    /// <summary>An injection rate ramped linearly to the target (open model).</summary>
    RampingInject,
    /// <summary>A fixed number of looping copies (closed model).</summary>
    KeepConstant,
    /// <summary>A number of looping copies ramped to the target (closed model).</summary>
    RampingConstant,
    /// <summary>A fixed injection rate until a number of iterations is done.</summary>
    IterationsForInject,
    /// <summary>A fixed number of copies until a number of iterations is done.</summary>
    IterationsForConstant,
    /// <summary>No load for a while.</summary>
    Pause,
}
