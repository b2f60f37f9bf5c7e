namespace Harness.Platform.Stack;

/// <summary>The one list of <c>lang</c> values this platform can build.</summary>
public static class KnownLanguages
{
    public const string Python3 = "python3";
    public const string Python3Http = "python3-http";
    public const string Dockerfile = "dockerfile";

    /// <summary>Every supported <c>lang</c>, in the order error messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Python3, Python3Http, Dockerfile];

    public static bool IsKnown(string lang) => All.Contains(lang, StringComparer.Ordinal);
}
