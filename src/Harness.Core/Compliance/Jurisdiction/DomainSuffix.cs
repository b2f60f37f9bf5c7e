namespace Harness.Compliance.Jurisdiction;

/// <summary>A DNS suffix a service operator answers on, and whether a document was checked for it.</summary>
internal sealed record DomainSuffix(string Suffix, bool SourceChecked, string? Source);
