namespace Harness.Reports.Dataset;

/// <summary>The dataset's header.</summary>
internal sealed class ReferenceMeta
{
    public string? Title { get; set; }
    public string? Generated { get; set; }
    public string? CurrencyDefault { get; set; }
    public string? Note { get; set; }
}
