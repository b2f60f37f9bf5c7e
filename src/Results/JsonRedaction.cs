using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Results.Redaction;

namespace Harness.Results;

/// <summary>
/// <see cref="SecretRedactor"/> over a whole JSON document: every string value is redacted, and the value of a property
/// whose name looks secret is masked whole. Numbers, booleans and structure are untouched, so a redacted results.json
/// still reads back with every figure it had.
/// </summary>
public static class JsonRedaction
{
    /// <summary>The document with its secrets masked, written with <paramref name="options"/>'s indentation.</summary>
    public static string Redact(string json, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = JsonNode.Parse(json);
        if (root is null)
        {
            return json;
        }

        root = Walk(root, key: null);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = options.WriteIndented, Encoder = options.Encoder });
    }

    /// <summary>A redacted copy of <paramref name="summary"/>: the run as every output shows it.</summary>
    public static RunSummary Redact(RunSummary summary)
        => RunSummaryJson.Deserialize(Redact(RunSummaryJson.Serialize(summary), RunSummaryJson.Options), "results");

    /// <summary>A redacted copy of <paramref name="result"/>, for findings.json and the console.</summary>
    public static ComplianceResult Redact(ComplianceResult result)
        => JsonSerializer.Deserialize<ComplianceResult>(Redact(JsonSerializer.Serialize(result, RunSummaryJson.Options), RunSummaryJson.Options), RunSummaryJson.Options)!;

    private static JsonNode Walk(JsonNode node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child && Walk(child, name) is var replaced && !ReferenceEquals(replaced, child))
                    {
                        obj[name] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && Walk(item, key: null) is var replaced && !ReferenceEquals(replaced, item))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var redacted = key is not null ? SecretRedactor.RedactValue(key, text) : SecretRedactor.Redact(text);
                return ReferenceEquals(redacted, text) || redacted == text ? value : JsonValue.Create(redacted)!;
            default:
                return node;
        }
    }
}
