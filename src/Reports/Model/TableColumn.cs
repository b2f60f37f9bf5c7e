namespace Harness.Reports.Model;

/// <summary>A table column: header text, relative width and alignment.</summary>
internal sealed record TableColumn(string Header, float Weight = 1, bool AlignRight = false);
