namespace Harness.Reports.Model;

/// <summary>A list of short items, each wrapped with a hanging indent.</summary>
internal sealed record BulletList(IReadOnlyList<string> Items) : Block;
