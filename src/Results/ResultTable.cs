namespace Harness.Results;

/// <summary>A scenario-specific table the report prints as is (e.g. the tuning audit, fsync vs fio).</summary>
public sealed record ResultTable
{
    /// <summary>The table's title.</summary>
    public required string Title { get; init; }
    /// <summary>Column headings.</summary>
    public required IReadOnlyList<string> Columns { get; init; }
    /// <summary>Rows of cells, in column order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; init; } = [];
    /// <summary>Where the figures come from.</summary>
    public string? Source { get; init; }
}
