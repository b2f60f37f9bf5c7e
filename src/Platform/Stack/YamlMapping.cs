namespace Harness.Platform.Stack;

/// <summary>A YAML mapping with its entries in file order (keys are scalars).</summary>
internal sealed class YamlMapping(SourcePosition position) : YamlNode(position)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];

    public override string Kind => "mapping";

    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
