namespace Harness.Reports.Model;

/// <summary>A table cell; a cell with a <see cref="Badge"/> tone is drawn as a coloured verdict badge.</summary>
internal sealed record TableCell(string Text, Tone? Badge = null, bool Bold = false)
{
    public static implicit operator TableCell(string text) => new(text);
}
