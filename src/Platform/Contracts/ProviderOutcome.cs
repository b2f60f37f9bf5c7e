namespace Harness.Platform.Contracts;

/// <summary>Kinds of provider outcome; the HTTP surface maps them to 202/404/409/400/500.</summary>
public enum ProviderOutcome
{
    /// <summary>Done, or accepted to be done (202).</summary>
    Ok,

    /// <summary>The function, namespace or secret does not exist (404).</summary>
    NotFound,

    /// <summary>It exists already (409).</summary>
    Conflict,

    /// <summary>The request is malformed or not allowed; the message names the field (400).</summary>
    Invalid,

    /// <summary>The backend tried and could not do it (500).</summary>
    Failed,

    /// <summary>The backend cannot be reached or is overloaded (503): retrying later may succeed.</summary>
    Unavailable,
}
