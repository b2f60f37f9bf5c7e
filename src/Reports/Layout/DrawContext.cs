namespace Harness.Reports.Layout;

/// <summary>What page items need when drawn: fonts, the page of each anchor and the page count.</summary>
internal sealed record DrawContext(FontCache Fonts, IReadOnlyDictionary<string, int> AnchorPages, int PageCount, int PageNumber);
