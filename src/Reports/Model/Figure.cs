using ScottPlot;

namespace Harness.Reports.Model;

/// <summary>A chart drawn as vectors at full text width; the plot is built only when the page is drawn.</summary>
internal sealed record Figure(Func<Plot> Chart, float Height, string Caption) : Block;
