namespace Harness.Reports.Layout;

/// <summary>A table-of-contents and PDF outline entry.</summary>
internal sealed record OutlineEntry(string Title, string Anchor, int Level);
