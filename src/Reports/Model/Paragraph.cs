namespace Harness.Reports.Model;

/// <summary>Wrapped text; <c>**bold**</c> spans are set in the bold face.</summary>
internal sealed record Paragraph(string Text) : Block
{
    public ParagraphStyle Style { get; init; } = ParagraphStyle.Body;
    /// <summary>The callout's colour; ignored by the other styles.</summary>
    public Tone Tone { get; init; } = Tone.Info;
}
