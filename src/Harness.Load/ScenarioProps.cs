namespace Harness.Load;

/// <summary>A scenario for <see cref="LoadRunner"/>: a step, load simulations, an optional warm-up and k6-style thresholds.</summary>
public sealed record ScenarioProps
{
    /// <summary>The scenario's name, as shown in results.</summary>
    public required string Name { get; init; }
    /// <summary>One iteration: do the work, return <see cref="Response.Ok"/> or <see cref="Response.Fail"/>.</summary>
    public required Func<ScenarioContext, Task<Response>> Step { get; init; }
    /// <summary>The load, phase by phase.</summary>
    public IReadOnlyList<LoadSimulation> Simulations { get; init; } = [];
    /// <summary>Runs the start of the load for this long first; its samples are kept out of the result. None by default (NBomber's is 30 s).</summary>
    public TimeSpan WarmUp { get; init; }
    /// <summary>Expressions such as <c>p(99) &lt; 250ms</c>, <c>error_rate &lt; 0.1%</c>, <c>dropped == 0</c>.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];
    /// <summary>Per-iteration timeout; the step's token is cancelled when it passes.</summary>
    public TimeSpan RequestTimeout { get; init; } = LoadDefaults.Timeout;
    /// <summary>Iterations slots open models start with.</summary>
    public int PreAllocatedVus { get; init; } = LoadDefaults.PreAllocatedVus;
    /// <summary>Most concurrent iterations of open models; beyond it iterations are dropped and counted.</summary>
    public int MaxVus { get; init; } = LoadDefaults.MaxVus;
    /// <summary>An extra bound on measured iterations (with a duration, whichever comes first).</summary>
    public long? MaxIterations { get; init; }
    /// <summary>Shown in results, e.g. the k6 description of the YAML load section.</summary>
    public string? LoadDescription { get; init; }

    /// <summary>A copy with these simulations, run in order.</summary>
    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) => this with { Simulations = simulations };

    /// <summary>A copy that warms up for <paramref name="duration"/> first.</summary>
    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUp = duration };

    /// <summary>A copy without warm-up.</summary>
    public ScenarioProps WithoutWarmUp() => this with { WarmUp = TimeSpan.Zero };

    /// <summary>A copy with these thresholds added.</summary>
    public ScenarioProps WithThresholds(params string[] thresholds) => this with { Thresholds = [.. Thresholds, .. thresholds] };

    /// <summary>A copy with this per-iteration timeout.</summary>
    public ScenarioProps WithRequestTimeout(TimeSpan timeout) => this with { RequestTimeout = timeout };

    /// <summary>Caps concurrent iterations of open models; beyond it iterations are dropped and counted.</summary>
    public ScenarioProps WithMaxVus(int maxVus) => this with { MaxVus = maxVus, PreAllocatedVus = Math.Min(PreAllocatedVus, maxVus) };

    /// <summary>A copy that stops after this many measured iterations.</summary>
    public ScenarioProps WithMaxIterations(long iterations) => this with { MaxIterations = iterations };

    /// <summary>Every problem with the scenario (empty when it can run).</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var (_, errors) = BuildShape();
        var all = new List<ConfigError>(errors);
        if (string.IsNullOrWhiteSpace(Name))
        {
            all.Add(new("name", "must not be empty"));
        }

        foreach (var t in Thresholds)
        {
            if (!ThresholdExpression.TryParse(t, out _, out var error))
            {
                all.Add(new("thresholds", error!));
            }
        }

        return all;
    }

    internal (LoadShape? Shape, IReadOnlyList<ConfigError> Errors) BuildShape()
        => LoadShapeBuilder.Build(Simulations, WarmUp, RequestTimeout, PreAllocatedVus, MaxVus, MaxIterations);
}
