namespace Harness.Reports.Model;

/// <summary>A table that breaks across pages, repeating its header row on each.</summary>
internal sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<TableCell>> Rows) : Block
{
    public string? Title { get; init; }
    /// <summary>Small print under the table.</summary>
    public string? Note { get; init; }
}
