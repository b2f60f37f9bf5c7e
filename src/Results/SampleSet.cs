namespace Harness.Results;

/// <summary>Raw values of one group (e.g. "python3-http cold"), in <see cref="Unit"/>.</summary>
public sealed record SampleSet
{
    /// <summary>The sample set's name.</summary>
    public required string Name { get; init; }
    /// <summary>Unit of the values.</summary>
    public string Unit { get; init; } = "ms";
    /// <summary>The raw values, in the order measured.</summary>
    public IReadOnlyList<double> Values { get; init; } = [];
}
