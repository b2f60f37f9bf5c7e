namespace Harness.Node.Access;

/// <summary>Bounds on what a probe may bring back, so a runaway command cannot flood the harness.</summary>
internal static class NodeLimits
{
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxOutputChars = 1024 * 1024;

    public static string Bound(string text, out bool truncated)
    {
        truncated = text.Length > MaxOutputChars;
        return truncated ? text[..MaxOutputChars] : text;
    }

    /// <summary>Quotes one argument for a POSIX shell.</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
