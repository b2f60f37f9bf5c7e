namespace Harness.Platform.Stack;

/// <summary>A YAML node that remembers where it started, so every diagnostic can name a line and column.</summary>
internal abstract class YamlNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>A short name of the node's shape for "expected X, found Y" messages.</summary>
    public abstract string Kind { get; }
}
