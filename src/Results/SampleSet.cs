namespace Harness.Results;

/// <summary>Raw values of one group (e.g. "python3-http cold"), in <see cref="Unit"/>.</summary>
public sealed record SampleSet
{
    public required string Name { get; init; }
    public string Unit { get; init; } = "ms";
    public IReadOnlyList<double> Values { get; init; } = [];
}
