using System.Text.Json;
using Harness.Results;

namespace Harness.Compliance;

/// <summary>Writes findings.json: the <see cref="ComplianceResult"/> in results.json's JSON conventions.</summary>
internal static class FindingsJson
{
    public const string FileName = "findings.json";

    public static string Serialize(ComplianceResult result)
        => Harness.Results.JsonRedaction.Redact(JsonSerializer.Serialize(result, RunSummaryJson.Options), RunSummaryJson.Options);

    public static ComplianceResult Deserialize(string json)
        => JsonSerializer.Deserialize<ComplianceResult>(json, RunSummaryJson.Options) ?? throw new InvalidDataException("empty findings document");

    /// <summary>Write then rename, so a crash never leaves a half-written file.</summary>
    public static async Task<string> WriteAsync(ComplianceResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, Serialize(result), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
