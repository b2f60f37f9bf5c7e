namespace Harness.Platform.Stack;

/// <summary>A YAML sequence.</summary>
internal sealed class YamlSequence(SourcePosition position) : YamlNode(position)
{
    public List<YamlNode> Items { get; } = [];

    public override string Kind => "list";
}
