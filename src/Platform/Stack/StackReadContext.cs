using Harness.Platform.Contracts;

namespace Harness.Platform.Stack;

/// <summary>
/// Shared state while reading one stack file: the diagnostics list, substitution, and typed readers that report
/// a wrong YAML shape at the node's position and carry on, so one pass finds every problem.
/// </summary>
internal sealed class StackReadContext(string file, string directory, EnvSubstitution substitution)
{
    public string File { get; } = file;

    /// <summary>The stack file's absolute folder.</summary>
    public string Directory { get; } = directory;

    public List<Diagnostic> Diagnostics { get; } = [];

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public void Error(YamlNode node, string field, string message) => Error(node.Position, field, message);

    public void Error(SourcePosition position, string field, string message) =>
        Diagnostics.Add(new Diagnostic(File, position.Line, position.Column, field, message, DiagnosticSeverity.Error));

    public void Warning(SourcePosition position, string field, string message) =>
        Diagnostics.Add(new Diagnostic(File, position.Line, position.Column, field, message, DiagnosticSeverity.Warning));

    /// <summary>Warns about every key not in <paramref name="known"/>, with a suggestion.</summary>
    public void WarnUnknownKeys(YamlMapping mapping, string fieldPrefix, IReadOnlyCollection<string> known)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            if (!known.Contains(key.Value))
            {
                Warning(key.Position, Join(fieldPrefix, key.Value), KeySuggestions.Describe(key.Value, known, value));
            }
        }
    }

    public YamlMapping? ExpectMapping(YamlNode node, string field)
    {
        if (node is YamlMapping mapping)
        {
            return mapping;
        }

        Error(node, field, $"expected a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    /// <summary>A scalar as a string with substitution applied; null for YAML null or a wrong shape (reported).</summary>
    public string? ReadString(YamlNode node, string field)
    {
        if (node is not YamlScalar scalar)
        {
            Error(node, field, $"expected a string, found {Describe(node)}");
            return null;
        }

        return scalar.IsNull ? null : Substitute(scalar, field);
    }

    /// <summary>A boolean; substitution runs first so <c>${RO:-false}</c> works as it does in faas-cli.</summary>
    public bool? ReadBoolean(YamlNode node, string field)
    {
        if (node is not YamlScalar scalar)
        {
            Error(node, field, $"expected true or false, found {Describe(node)}");
            return null;
        }

        if (scalar.IsNull)
        {
            return null;
        }

        var text = Substitute(scalar, field);
        var value = new YamlScalar(scalar.Position, text, scalar.IsPlain).AsBoolean();
        if (value is null)
        {
            Error(node, field, $"expected true or false, found '{text}'");
        }

        return value;
    }

    /// <summary>A mapping of strings; booleans and numbers become their text ("true", "1"), null becomes "".</summary>
    public Dictionary<string, string>? ReadStringMap(YamlNode node, string field)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return null;
        }

        var mapping = ExpectMapping(node, field);
        if (mapping is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var itemField = Join(field, key.Value);
            if (value is not YamlScalar scalar)
            {
                Error(value, itemField, $"expected a string, number or boolean, found {Describe(value)}");
                continue;
            }

            result[key.Value] = scalar.IsNull ? "" : NormaliseScalar(scalar, Substitute(scalar, itemField));
        }

        return result;
    }

    /// <summary>A list of strings.</summary>
    public List<string>? ReadStringList(YamlNode node, string field)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return null;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, field, $"expected a list (- item lines or [a, b]), found {Describe(node)}");
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var itemField = $"{field}[{i}]";
            if (item is not YamlScalar scalar || scalar.IsNull)
            {
                Error(item, itemField, $"expected a string, found {Describe(item)}");
                continue;
            }

            result.Add(Substitute(scalar, itemField));
        }

        return result;
    }

    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => "nothing (null)",
        // The scalar's text is not shown: a line of an environment file (DB_PASSWORD=...) is a secret, and errors are printed and logged.
        YamlScalar s => $"a plain value ({s.Value.Length} character(s), not shown)",
        _ => $"a {node.Kind}",
    };

    private string Substitute(YamlScalar scalar, string field)
    {
        var text = substitution.Expand(scalar.Value, out var error);
        if (error is not null)
        {
            Error(scalar, field, error);
        }

        return text;
    }

    // go-yaml turns True/TRUE into the bool true, which faas-cli then prints as "true".
    private static string NormaliseScalar(YamlScalar scalar, string text) =>
        scalar.IsPlain && scalar.AsBoolean() is { } b ? (b ? "true" : "false") : text;
}
