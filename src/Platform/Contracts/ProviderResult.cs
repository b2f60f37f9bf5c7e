namespace Harness.Platform.Contracts;

/// <summary>The outcome of a provider write: errors are values, not exceptions, so the HTTP surface maps them once.</summary>
/// <param name="Outcome">What happened; the gateway maps it to the status code.</param>
/// <param name="Message">Why, for the response body and the CLI; null when the outcome says it all (<see cref="Ok"/>).</param>
public sealed record ProviderResult(ProviderOutcome Outcome, string? Message = null)
{
    /// <summary>Success, without a message.</summary>
    public static ProviderResult Ok { get; } = new(ProviderOutcome.Ok);
    /// <summary>A <see cref="ProviderOutcome.NotFound"/> result with <paramref name="message"/>.</summary>
    public static ProviderResult NotFound(string message) => new(ProviderOutcome.NotFound, message);
    /// <summary>A <see cref="ProviderOutcome.Conflict"/> result with <paramref name="message"/>.</summary>
    public static ProviderResult Conflict(string message) => new(ProviderOutcome.Conflict, message);
    /// <summary>A <see cref="ProviderOutcome.Invalid"/> result with <paramref name="message"/>.</summary>
    public static ProviderResult Invalid(string message) => new(ProviderOutcome.Invalid, message);
    /// <summary>A <see cref="ProviderOutcome.Failed"/> result with <paramref name="message"/>.</summary>
    public static ProviderResult Failed(string message) => new(ProviderOutcome.Failed, message);
    /// <summary>A <see cref="ProviderOutcome.Unavailable"/> result with <paramref name="message"/>.</summary>
    public static ProviderResult Unavailable(string message) => new(ProviderOutcome.Unavailable, message);
    /// <summary>Whether <see cref="Outcome"/> is <see cref="ProviderOutcome.Ok"/>.</summary>
    public bool IsOk => Outcome == ProviderOutcome.Ok;
}
