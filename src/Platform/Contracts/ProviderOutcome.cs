namespace Harness.Platform.Contracts;

/// <summary>Kinds of provider outcome; the HTTP surface maps them to 202/404/409/400/500.</summary>
public enum ProviderOutcome
{
    Ok,
    NotFound,
    Conflict,
    Invalid,
    Failed,
}
