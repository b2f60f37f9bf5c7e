using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Load;
using Harness.Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Harness;

/// <summary>Typed reads from YAML nodes that record a diagnostic (file, line, column, field) instead of throwing, and remember where each field was.</summary>
internal sealed partial class YamlFieldReader(string file)
{
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>Where each field path (e.g. <c>load.rate</c>) was written, for errors found after parsing.</summary>
    public Dictionary<string, YamlNode> Positions { get; } = new(StringComparer.Ordinal);

    public void Error(YamlNode? node, string field, string message)
        => Diagnostics.Add(new Diagnostic(file, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message));

    /// <summary>An error about a field found later (e.g. by <c>LoadOptions.Validate</c>), placed at the field or its nearest written parent.</summary>
    public void ErrorAt(string field, string message)
    {
        var probe = field;
        while (probe.Length > 0 && !Positions.ContainsKey(probe))
        {
            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut > 0 ? probe[..cut] : "";
        }

        Error(probe.Length > 0 ? Positions[probe] : null, field, message);
    }

    /// <summary>Checks a mapping's keys against the allowed ones and returns the entries by key.</summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode? node, string field, IReadOnlyCollection<string> allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is null)
        {
            return entries;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, field, $"expected a mapping, found {Describe(node)}");
            return entries;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            if (Key(keyNode, field) is not { } key)
            {
                continue;
            }

            var path = field.Length == 0 ? key : $"{field}.{key}";
            if (!allowed.Contains(key))
            {
                Error(keyNode, path, $"unknown key '{key}' (allowed here: {string.Join(", ", allowed)})");
                continue;
            }

            entries[key] = value;
            Positions[path] = value;
        }

        return entries;
    }

    /// <summary>A mapping key's text; a key written as a list or mapping (<c>{[a, b]: x}</c>) is reported at <paramref name="field"/> and gives null.</summary>
    public string? Key(YamlNode keyNode, string field)
    {
        if (keyNode is YamlScalarNode s)
        {
            return s.Value ?? "";
        }

        Error(keyNode, field, $"a key must be plain text, found {Describe(keyNode)}");
        return null;
    }

    public string? String(Dictionary<string, YamlNode> map, string key, string field)
    {
        if (!map.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode s)
        {
            return s.Value;
        }

        Error(node, Path(field, key), $"expected a text value, found {Describe(node)}");
        return null;
    }

    public double? Number(Dictionary<string, YamlNode> map, string key, string field)
    {
        var text = String(map, key, field);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value))
            {
                return value;
            }

            // .NET reads 1e400 as infinity, which every later check would misname ("must be greater than 0").
            Error(map[key], Path(field, key), $"'{text}' is too large a number");
            return null;
        }

        Error(map[key], Path(field, key), $"expected a number, found '{text}'");
        return null;
    }

    public long? Integer(Dictionary<string, YamlNode> map, string key, string field)
    {
        var text = String(map, key, field);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(map[key], Path(field, key), $"expected a whole number, found '{text}'");
        return null;
    }

    public bool? Boolean(Dictionary<string, YamlNode> map, string key, string field)
    {
        var text = String(map, key, field);
        return text switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => Fail<bool?>(map[key], Path(field, key), $"expected true or false, found '{text}'"),
        };
    }

    public TimeSpan? Duration(Dictionary<string, YamlNode> map, string key, string field)
    {
        var text = String(map, key, field);
        if (text is null)
        {
            return null;
        }

        if (Durations.TryParse(text, out var value))
        {
            return value;
        }

        // Well formed but refused: then it does not fit a TimeSpan, and "expected a duration" would misname it.
        Error(map[key], Path(field, key), WellFormedDuration().IsMatch(text)
            ? $"'{text}' is too long a duration (at most about 29,000 years)"
            : $"expected a duration such as 500ms, 12s, 1m30s; found '{text}'");
        return null;
    }

    public List<(string Value, YamlNode Node)> StringList(Dictionary<string, YamlNode> map, string key, string field)
    {
        var list = new List<(string, YamlNode)>();
        if (!map.TryGetValue(key, out var node))
        {
            return list;
        }

        if (node is YamlScalarNode single && single.Value is { Length: > 0 } one)
        {
            list.Add((one, single));
            return list;
        }

        if (node is not YamlSequenceNode seq)
        {
            Error(node, Path(field, key), $"expected a list, found {Describe(node)}");
            return list;
        }

        var i = 0;
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && s.Value is not null)
            {
                list.Add((s.Value, item));
                Positions[$"{Path(field, key)}[{i}]"] = item;
            }
            else
            {
                Error(item, $"{Path(field, key)}[{i}]", $"expected a text value, found {Describe(item)} (quote expressions that contain ': ')");
            }

            i++;
        }

        return list;
    }

    private T Fail<T>(YamlNode node, string field, string message)
    {
        Error(node, field, message);
        return default!;
    }

    private static string Path(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    [GeneratedRegex(@"^\s*([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h)\s*)+$")]
    private static partial Regex WellFormedDuration();
}
