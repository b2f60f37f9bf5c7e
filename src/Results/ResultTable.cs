namespace Harness.Results;

/// <summary>A scenario-specific table the report prints as is (e.g. the tuning audit, fsync vs fio).</summary>
public sealed record ResultTable
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; init; } = [];
    public string? Source { get; init; }
}
