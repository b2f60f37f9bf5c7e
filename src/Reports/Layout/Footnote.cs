namespace Harness.Reports.Layout;

/// <summary>A numbered source note at the foot of a page.</summary>
internal sealed record Footnote(int Number, string Text);
