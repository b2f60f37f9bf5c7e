namespace Harness.Reports.Layout;

/// <summary>A page after layout: its items and the footnotes referenced on it.</summary>
internal sealed class LaidOutPage
{
    public List<PageItem> Items { get; } = [];
    public List<Footnote> Footnotes { get; } = [];
    /// <summary>The cover has no running header.</summary>
    public bool IsCover { get; init; }
}
