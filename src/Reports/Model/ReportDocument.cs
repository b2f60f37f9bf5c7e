namespace Harness.Reports.Model;

/// <summary>A whole report: metadata, the cover and its sections.</summary>
internal sealed record ReportDocument
{
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    /// <summary>Right side of the running header, e.g. "target local · run 20261128-0012".</summary>
    public string HeaderRight { get; init; } = "";
    /// <summary>Left side of the running footer, e.g. the date and the git commit.</summary>
    public string FooterLeft { get; init; } = "";
    public string Author { get; init; } = "Harness";
    public string Subject { get; init; } = "";
    public string Keywords { get; init; } = "";
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;
    /// <summary>Blocks on the first page, between the title and the table of contents.</summary>
    public IReadOnlyList<Block> Cover { get; init; } = [];
    public IReadOnlyList<Section> Sections { get; init; } = [];
}
