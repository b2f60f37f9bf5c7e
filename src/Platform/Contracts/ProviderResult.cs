namespace Harness.Platform.Contracts;

/// <summary>The outcome of a provider write: errors are values, not exceptions, so the HTTP surface maps them once.</summary>
public sealed record ProviderResult(ProviderOutcome Outcome, string? Message = null)
{
    public static ProviderResult Ok { get; } = new(ProviderOutcome.Ok);
    public static ProviderResult NotFound(string message) => new(ProviderOutcome.NotFound, message);
    public static ProviderResult Conflict(string message) => new(ProviderOutcome.Conflict, message);
    public static ProviderResult Invalid(string message) => new(ProviderOutcome.Invalid, message);
    public static ProviderResult Failed(string message) => new(ProviderOutcome.Failed, message);
    public static ProviderResult Unavailable(string message) => new(ProviderOutcome.Unavailable, message);
    public bool IsOk => Outcome == ProviderOutcome.Ok;
}
