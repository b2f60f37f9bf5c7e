namespace Harness.Reports.Model;

/// <summary>A row (or rows) of key-figure tiles, four to a row.</summary>
internal sealed record KeyFigures(IReadOnlyList<KeyFigure> Tiles) : Block;
