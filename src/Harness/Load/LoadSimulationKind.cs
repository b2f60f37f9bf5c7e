namespace Harness.Load;

/// <summary>NBomber's load simulation kinds: inject (open model) and constant copies (closed model).</summary>
public enum LoadSimulationKind
{
    Inject,
    RampingInject,
    KeepConstant,
    RampingConstant,
    IterationsForInject,
    IterationsForConstant,
    Pause,
}
