namespace Harness.Results;

/// <summary>Where a collector looked and what it saw.</summary>
public sealed record Evidence(string Source, string Observed, string? Location = null);
