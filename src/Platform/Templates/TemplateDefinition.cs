namespace Harness.Platform.Templates;

/// <summary>
/// One template: its files, its default mode, how it starts in each mode (null: no template, fprocess as is), and the
/// <c>fprocess</c> the official OpenFaaS template's <c>template.yml</c> names (what faas-cli sends as envProcess).
/// </summary>
internal sealed record TemplateDefinition(
    string Lang,
    string DefaultMode,
    IReadOnlyList<string> ResourceFolders,
    string? ForkEntry,
    string? HttpEntry,
    string? OfficialFprocess = null)
{
    public bool IsPython => ForkEntry is not null;

    /// <summary>The classic <c>handle(req)</c> templates (python3, python3-debian), whose upstream prints the return value.</summary>
    public bool IsClassic => ResourceFolders.Contains("python3");
}
