namespace Harness.Platform.Templates;

/// <summary>One template: its files, its default mode and how it starts in each mode (null: no template, fprocess as is).</summary>
internal sealed record TemplateDefinition(
    string Lang,
    string DefaultMode,
    IReadOnlyList<string> ResourceFolders,
    string? ForkEntry,
    string? HttpEntry)
{
    public bool IsPython => ForkEntry is not null;
}
