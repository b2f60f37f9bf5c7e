using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Results;

/// <summary>Reads and writes <c>results.json</c>: camelCase, enums as strings, indented.</summary>
public static class RunSummaryJson
{
    /// <summary>The serializer options results.json is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The summary as indented results.json text.</summary>
    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    /// <summary>The document results.json holds: <see cref="Serialize"/> with every credential masked.</summary>
    public static string SerializeRedacted(RunSummary summary) => JsonRedaction.Redact(Serialize(summary), Options);

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

    /// <summary>Writes <paramref name="path"/> whole or not at all (a crash or a full disk leaves the old file and no temporary one).</summary>
    public static Task WriteAsync(RunSummary summary, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Harness.Platform.Local.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(SerializeRedacted(summary)), Harness.Platform.Local.AtomicFile.Shared);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Reads a results.json file; throws <see cref="InvalidDataException"/> with the file name when it is not one, and
    /// <see cref="IOException"/> naming it when it cannot be read (a folder, a device, over the size limit).
    /// </summary>
    public static async Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken)
        => Deserialize(await Harness.Platform.Files.UserFile.ReadAllTextAsync(path, cancellationToken, Harness.Platform.Files.UserFile.LargeMaxBytes).ConfigureAwait(false), path);
}
