using System.Globalization;
using Harness.Reports.Model;

namespace Harness.Reports.Dataset;

/// <summary>One published figure: provider, metric, value(s), unit, conditions and where it comes from.</summary>
internal sealed class ReferenceEntry
{
    public string Id { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Metric { get; set; } = "";
    public object? Value { get; set; }
    public Dictionary<string, object?>? Values { get; set; }
    public string? Unit { get; set; }
    public Dictionary<string, object?>? Conditions { get; set; }
    public List<ReferenceSource> Source { get; set; } = [];
    public string? Retrieved { get; set; }
    public string? Confidence { get; set; }
    public string? Notes { get; set; }

    /// <summary>A numeric value: <c>values[key]</c>, or the scalar <c>value</c> when no key is given.</summary>
    public double? Number(string? key = null)
    {
        var raw = key is null ? Value : Values?.GetValueOrDefault(key);
        return raw is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>The value as text (scalar value, or values[key]).</summary>
    public string? Text(string? key = null)
    {
        var raw = key is null ? Value : Values?.GetValueOrDefault(key);
        return raw switch
        {
            null => null,
            string s => s,
            IDictionary<object, object> map => string.Join(", ", map.Select(kv => $"{kv.Key}: {kv.Value}")),
            _ => raw.ToString(),
        };
    }

    public string? Condition(string key) => Conditions?.GetValueOrDefault(key)?.ToString();

    /// <summary>The footnotes for this entry: each source with its publication date and the retrieval date.</summary>
    public IReadOnlyList<SourceRef> Sources()
        => Source.Select(s => new SourceRef(s.Title, s.Url, s.Published, Retrieved)).ToList();
}
