namespace Harness.Platform.Contracts;

/// <summary>Kinds of provider outcome; the HTTP surface maps them to 202/404/409/400/500.</summary>
public enum ProviderOutcome
{
    Ok,
    NotFound,
    Conflict,
    Invalid,
    Failed,

    /// <summary>The backend cannot be reached or is overloaded (503): retrying later may succeed.</summary>
    Unavailable,
}
