using Harness.Load;

namespace Harness.Distributed;

/// <summary>The engine scenario a scenario file's <c>load:</c> section describes: the same in one process and in every agent.</summary>
internal static class LoadScenarioProps
{
    /// <summary>The scenario for <paramref name="step"/> with the file's load, warm-up, timeout and VU bounds.</summary>
    public static ScenarioProps Create(string name, LoadOptions load, ConnectionPolicy policy, Func<ScenarioContext, Task<Response>> step) => new()
    {
        Name = name,
        Step = step,
        Simulations = load.ToSimulations(),
        WarmUp = load.WarmUp,
        RequestTimeout = load.Timeout,
        PreAllocatedVus = load.PreAllocatedVus,
        MaxVus = load.Model.IsOpen() ? load.EffectiveMaxVus : Math.Max(load.PreAllocatedVus, LoadDefaults.MaxVus),
        MaxIterations = load.Iterations,
        LoadDescription = $"{load.Describe()}, {policy.Describe()}",
    };
}
