namespace Harness.Reports.Model;

/// <summary>How a paragraph is set: body text, small print, a figure caption or a boxed callout.</summary>
internal enum ParagraphStyle
{
    Body,
    Small,
    Caption,
    Callout,
}
