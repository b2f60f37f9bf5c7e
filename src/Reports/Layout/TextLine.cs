namespace Harness.Reports.Layout;

/// <summary>One wrapped line and its width.</summary>
internal sealed record TextLine(IReadOnlyList<TextSpan> Spans, float Width);
