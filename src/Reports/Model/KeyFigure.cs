namespace Harness.Reports.Model;

/// <summary>One tile: a label, a big value and a line of detail.</summary>
internal sealed record KeyFigure(string Label, string Value, string? Detail = null, Tone Tone = Tone.Neutral);
