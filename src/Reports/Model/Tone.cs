namespace Harness.Reports.Model;

/// <summary>The colour meaning of a badge, tile or callout.</summary>
internal enum Tone
{
    Neutral,
    Good,
    Bad,
    Warn,
    Info,
}
