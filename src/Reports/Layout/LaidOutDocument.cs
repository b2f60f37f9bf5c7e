using Harness.Reports.Model;

namespace Harness.Reports.Layout;

/// <summary>The first pass's result: pages, where each anchor landed (1-based page) and the outline.</summary>
internal sealed record LaidOutDocument(
    ReportDocument Source,
    IReadOnlyList<LaidOutPage> Pages,
    IReadOnlyDictionary<string, int> AnchorPages,
    IReadOnlyList<OutlineEntry> Outline);
