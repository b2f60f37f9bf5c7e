namespace Harness.Compliance.Nginx;

/// <summary>One directive: name, arguments, and a block of children when it has one; with where it was written.</summary>
internal sealed record NginxDirective(string Name, IReadOnlyList<string> Args, IReadOnlyList<NginxDirective>? Block, string File, int Line, int Column)
{
    public string Location => $"{File}:{Line}:{Column}";

    public IEnumerable<NginxDirective> Children(string name)
        => (Block ?? []).Where(d => d.Name.Equals(name, StringComparison.Ordinal));

    public NginxDirective? Child(string name) => Children(name).LastOrDefault();
}
