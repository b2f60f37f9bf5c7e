namespace Harness.Compliance.Jurisdiction;

/// <summary>A company that runs a service, with the country of its headquarters (which decides the CLOUD Act question).</summary>
internal sealed record ServiceOperator
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code of the headquarters.</summary>
    public required string Headquarters { get; init; }
    /// <summary>False when the headquarters fact is general knowledge, not taken from a retrieved document.</summary>
    public bool HeadquartersSourceChecked { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<DomainSuffix> Suffixes { get; init; } = [];
}
