namespace Harness.Reports.Model;

/// <summary>A top-level part of the report; it starts a new page and gets a table-of-contents entry.</summary>
internal sealed record Section(string Title, IReadOnlyList<Block> Blocks)
{
    public required string Anchor { get; init; }
}
