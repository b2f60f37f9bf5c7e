namespace Harness.Reports.Dataset;

/// <summary>The YAML document: meta and entries.</summary>
internal sealed class ReferenceFile
{
    public ReferenceMeta Meta { get; set; } = new();
    public List<ReferenceEntry> Entries { get; set; } = [];
}
