using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Results;

/// <summary>Reads and writes <c>results.json</c>: camelCase, enums as strings, indented.</summary>
public static class RunSummaryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    /// <summary>The document results.json holds: <see cref="Serialize"/> with every credential masked.</summary>
    public static string SerializeRedacted(RunSummary summary) => Redaction.JsonRedaction.Redact(Serialize(summary), Options);

    /// <summary>Parses a results file; throws <see cref="InvalidDataException"/> naming the file on bad or newer-schema input.</summary>
    public static RunSummary Deserialize(string json, string sourceName)
    {
        RunSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize<RunSummary>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        if (summary is null)
        {
            throw new InvalidDataException($"{sourceName}: empty results document");
        }

        if (summary.SchemaVersion > RunSummary.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{sourceName}: schemaVersion {summary.SchemaVersion} is newer than this harness understands ({RunSummary.CurrentSchemaVersion})");
        }

        return summary;
    }

    public static async Task WriteAsync(RunSummary summary, string path, CancellationToken cancellationToken)
    {
        // Write then rename, so a crash never leaves a half-written results.json.
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, SerializeRedacted(summary), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public static async Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken)
        => Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
}
