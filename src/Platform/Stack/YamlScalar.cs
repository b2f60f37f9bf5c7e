namespace Harness.Platform.Stack;

/// <summary>A YAML scalar; <see cref="IsPlain"/> tells whether YAML would read it as a bool, number or null.</summary>
internal sealed class YamlScalar(SourcePosition position, string value, bool isPlain) : YamlNode(position)
{
    private static readonly string[] TrueWords = ["true", "True", "TRUE"];
    private static readonly string[] FalseWords = ["false", "False", "FALSE"];
    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];

    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && NullWords.Contains(Value);

    public bool? AsBoolean() =>
        TrueWords.Contains(Value) ? true : FalseWords.Contains(Value) ? false : null;

    public override string Kind => IsNull ? "null" : AsBoolean() is not null && IsPlain ? "boolean" : "string";
}
