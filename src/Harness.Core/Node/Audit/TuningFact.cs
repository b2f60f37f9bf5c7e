namespace Harness.Node.Audit;

/// <summary>One recommended node setting with its reason and source, from the embedded <c>node-tuning-facts.json</c>.</summary>
internal sealed record TuningFact(string Id, string Setting, string Recommended, string Why, string Source);
