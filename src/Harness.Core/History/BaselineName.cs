namespace Harness.History;

/// <summary>What a baseline name may be (<c>harness baseline set NAME</c>, <c>harness run --baseline/--pin-baseline NAME</c>).</summary>
internal static class BaselineName
{
    /// <summary>Why <paramref name="name"/> cannot name a baseline, or null.</summary>
    public static string? Problem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "a baseline name cannot be empty"
        : name.Trim() != name ? $"'{name}' starts or ends with white space"
        : name.Any(char.IsControl) ? "a baseline name cannot hold control characters"
        : null;
}
