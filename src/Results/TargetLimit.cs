namespace Harness.Results;

/// <summary>One limit of the target (execution time, payload, memory, concurrency): its value or "not known", and the source of the figure.</summary>
public sealed record TargetLimit
{
    /// <summary><c>execution_time</c>, <c>payload</c>, <c>memory</c>, <c>concurrency</c>, <c>replicas</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The limit's value, as the target reports it.</summary>
    public required string Value { get; init; }
    /// <summary>Where the value comes from ("OpenFaaS CE default, not read from the target"), or what would tell when it is not known.</summary>
    public string? Source { get; init; }
    /// <summary>False when the value is a documented default or unknown, not read from the target.</summary>
    public bool Measured { get; init; }
}
