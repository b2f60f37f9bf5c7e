using ScottPlot;

namespace Harness.Reports.Charts;

/// <summary>A labelled horizontal bar; with <see cref="Low"/> it spans a range.</summary>
internal sealed record HorizontalBar(string Label, double Value, Color Colour, string ValueLabel, double? Low = null);
