namespace Harness.Reports.Dataset;

/// <summary>One source of a reference entry, as written in the dataset.</summary>
internal sealed class ReferenceSource
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    public string? Published { get; set; }
    public string? Kind { get; set; }
}
