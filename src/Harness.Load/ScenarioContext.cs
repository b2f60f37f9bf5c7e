namespace Harness.Load;

/// <summary>What a step sees of its run (NBomber's <c>IScenarioContext</c>): the scenario, which invocation it is, and a token that fires on timeout or stop.</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(string scenarioName, long invocationNumber, int vuId, bool isWarmUp, CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        InvocationNumber = invocationNumber;
        VuId = vuId;
        IsWarmUp = isWarmUp;
        CancellationToken = cancellationToken;
    }

    /// <summary>The name of the scenario this iteration belongs to.</summary>
    public string ScenarioName { get; }
    /// <summary>The iteration's number in its scenario, from 0.</summary>
    public long InvocationNumber { get; }
    /// <summary>The virtual user (closed models) or concurrency slot (open models) running this iteration.</summary>
    public int VuId { get; }
    /// <summary>True while the warm-up runs; such iterations are not in the result.</summary>
    public bool IsWarmUp { get; }
    /// <summary>Cancelled when the per-request timeout passes or the run stops; pass it to every I/O call.</summary>
    public CancellationToken CancellationToken { get; }
}
