using System.Text.Json;

namespace Harness.Node.Audit;

/// <summary>The embedded tuning facts, by id.</summary>
internal static class TuningFacts
{
    private static readonly Lazy<IReadOnlyDictionary<string, TuningFact>> All = new(Load);

    public static TuningFact Get(string id)
        => All.Value.TryGetValue(id, out var fact) ? fact : throw new KeyNotFoundException($"tuning fact '{id}' is missing from node-tuning-facts.json");

    public static IReadOnlyCollection<TuningFact> Every => All.Value.Values.ToList();

    private static IReadOnlyDictionary<string, TuningFact> Load()
    {
        using var stream = typeof(TuningFacts).Assembly.GetManifestResourceStream("Harness.Node.Audit.node-tuning-facts.json")
            ?? throw new InvalidOperationException("node-tuning-facts.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("facts").EnumerateArray()
            .Select(e => new TuningFact(
                e.GetProperty("id").GetString()!,
                e.GetProperty("setting").GetString()!,
                e.GetProperty("recommended").GetString()!,
                e.GetProperty("why").GetString()!,
                e.GetProperty("source").GetString()!))
            .ToDictionary(f => f.Id, StringComparer.Ordinal);
    }
}
