namespace Harness.Reports.Layout;

/// <summary>A piece of a wrapped line: its offset from the line start, text and face.</summary>
internal sealed record TextSpan(float X, string Text, bool Bold, bool Superscript);
