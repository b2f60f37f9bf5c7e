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

    /// <summary>Whole or not at all (<see cref="Harness.Platform.Local.AtomicFile"/>), so a crash or a full disk never leaves a half-written file.</summary>
    public static Task<string> WriteAsync(ComplianceResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        cancellationToken.ThrowIfCancellationRequested();
        Harness.Platform.Local.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(Serialize(result)), Harness.Platform.Local.AtomicFile.Shared);
        return Task.FromResult(path);
    }
}
