namespace Harness.Reports.Model;

/// <summary>Continues on a new page.</summary>
internal sealed record PageBreak : Block;
