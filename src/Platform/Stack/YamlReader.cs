using Harness.Platform.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Harness.Platform.Stack;

/// <summary>
/// Builds a position-carrying node tree from YamlDotNet's parser events. Duplicate keys, non-scalar keys and
/// unknown aliases are collected as errors instead of aborting; merge keys (<c>&lt;&lt;: *base</c>) are applied
/// like go-yaml does, because faas-cli users rely on them.
/// </summary>
internal sealed class YamlReader
{
    private const string MergeKey = "<<";

    private readonly string _file;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

    private YamlReader(string file, List<Diagnostic> diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads the only document; returns null (with an error added) when the YAML is malformed, and adds an error for a second document.</summary>
    public static YamlNode? Read(string text, string file, List<Diagnostic> diagnostics)
    {
        var reader = new YamlReader(file, diagnostics);
        var parser = new Parser(new StringReader(text));
        try
        {
            return reader.ReadStream(parser);
        }
        catch (YamlException ex)
        {
            var message = StripMarks(ex.Message);
            var position = message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text) is { } tab
                ? tab
                : ToPosition(ex.Start);
            diagnostics.Add(new Diagnostic(file, position.Line, position.Column, "", "YAML syntax error: " + message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this (not a YamlException) on some unclosed flow collections.
            var position = parser.Current is { } current ? ToPosition(current.Start) : new SourcePosition(1, 1);
            diagnostics.Add(new Diagnostic(file, position.Line, position.Column, "",
                "YAML syntax error: not valid YAML from here on (an unclosed '[' or '{'?)"));
            return null;
        }
    }

    // YamlDotNet reports a tab used as indentation at the start of the enclosing mapping; point at the tab instead.
    private static SourcePosition? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new SourcePosition(i + 1, tab + 1);
            }
        }

        return null;
    }

    private YamlNode? ReadStream(Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser);
        parser.Consume<DocumentEnd>();
        // A second document was once a warning and ignored: functions defined there were never deployed.
        if (parser.Accept<DocumentStart>(out var extra))
        {
            Add(DiagnosticSeverity.Error, ToPosition(extra.Start), "",
                "a stack file is one YAML document; a second one starts here after '---' (put it in a file of its own)");
        }

        return root;
    }

    private YamlNode ReadNode(Parser parser)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            Add(DiagnosticSeverity.Error, ToPosition(alias.Start), "", $"unknown alias '*{alias.Value.Value}'");
            return new YamlScalar(ToPosition(alias.Start), "", isPlain: true);
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = new YamlScalar(ToPosition(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty);
            Remember(scalar.Anchor, node);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var sequence = new YamlSequence(ToPosition(sequenceStart.Start));
            Remember(sequenceStart.Anchor, sequence);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                sequence.Items.Add(ReadNode(parser));
            }

            return sequence;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var mapping = new YamlMapping(ToPosition(mappingStart.Start));
        Remember(mappingStart.Anchor, mapping);
        var merged = new List<YamlMapping>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser);
            var value = ReadNode(parser);
            if (key is not YamlScalar scalarKey)
            {
                Add(DiagnosticSeverity.Error, key.Position, "", $"a key must be a plain value, found a {key.Kind}");
                continue;
            }

            if (scalarKey.Value == MergeKey && scalarKey.IsPlain)
            {
                CollectMerge(value, merged);
                continue;
            }

            if (mapping.Entries.Any(e => e.Key.Value == scalarKey.Value))
            {
                Add(DiagnosticSeverity.Error, scalarKey.Position, "", $"duplicate key '{scalarKey.Value}'");
                continue;
            }

            mapping.Entries.Add(new(scalarKey, value));
        }

        // Keys written in the mapping itself win over merged ones; earlier merge sources win over later ones.
        foreach (var source in merged)
        {
            foreach (var entry in source.Entries)
            {
                if (mapping.Entries.All(e => e.Key.Value != entry.Key.Value))
                {
                    mapping.Entries.Add(entry);
                }
            }
        }

        return mapping;
    }

    private void CollectMerge(YamlNode value, List<YamlMapping> merged)
    {
        switch (value)
        {
            case YamlMapping m:
                merged.Add(m);
                break;
            case YamlSequence s:
                foreach (var item in s.Items)
                {
                    if (item is YamlMapping im)
                    {
                        merged.Add(im);
                    }
                    else
                    {
                        Add(DiagnosticSeverity.Error, item.Position, "", $"a merge key '<<' takes mappings, found a {item.Kind}");
                    }
                }

                break;
            default:
                Add(DiagnosticSeverity.Error, value.Position, "", $"a merge key '<<' takes a mapping, found a {value.Kind}");
                break;
        }
    }

    private void Remember(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private void Add(DiagnosticSeverity severity, SourcePosition position, string field, string message) =>
        _diagnostics.Add(new Diagnostic(_file, position.Line, position.Column, field, message, severity));

    private static SourcePosition ToPosition(Mark mark) => new((int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
    private static string StripMarks(string message)
    {
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && at >= 0 ? message[(at + 3)..] : message;
    }
}
