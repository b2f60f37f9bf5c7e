namespace Harness.Reports.Model;

/// <summary>A heading inside a section; listed in the table of contents and the PDF outline.</summary>
internal sealed record SubHeading(string Text) : Block
{
    /// <summary>Set by the layout from the section's anchor when left empty.</summary>
    public string? Anchor { get; init; }
}
