namespace Harness.Reports.Model;

/// <summary>One piece of flowing content in a section.</summary>
internal abstract record Block
{
    /// <summary>Sources the block's figures come from; the layout numbers them and prints footnotes.</summary>
    public IReadOnlyList<SourceRef> Sources { get; init; } = [];
}
