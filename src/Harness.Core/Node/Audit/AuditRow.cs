namespace Harness.Node.Audit;

/// <summary>One audited setting: what the node has, what it should have for this load, and why (with the source).</summary>
internal sealed record AuditRow(string Id, string Setting, string Current, string Recommended, bool Passed, string Why, string Source)
{
    /// <summary>The value <c>harness node tune</c> writes for this row (a sysctl value), or null when it is not a sysctl.</summary>
    public string? TuneValue { get; init; }
}
