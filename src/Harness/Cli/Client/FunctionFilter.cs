using System.Text.RegularExpressions;

namespace Harness.Cli.Client;

/// <summary>
/// faas-cli's <c>--filter</c> (a wildcard where <c>*</c> matches any run of characters, over the whole name) and
/// <c>--regex</c> (a regular expression found anywhere in the name).
/// </summary>
internal sealed class FunctionFilter
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex? _pattern;

    private FunctionFilter(Regex? pattern, string description)
    {
        _pattern = pattern;
        Description = description;
    }

    /// <summary>How the user wrote it, for messages: <c>--filter "*gif*"</c>.</summary>
    public string Description { get; }

    public bool Matches(string name) => _pattern is null || _pattern.IsMatch(name);

    public static bool TryCreate(string? wildcard, string? regex, out FunctionFilter filter, out string error)
    {
        error = "";
        filter = new FunctionFilter(null, "");
        if (wildcard is not null)
        {
            var pattern = "^" + string.Join(".*", wildcard.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
            filter = new FunctionFilter(new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout), $"--filter \"{wildcard}\"");
            return true;
        }

        if (regex is null)
        {
            return true;
        }

        try
        {
            filter = new FunctionFilter(new Regex(regex, RegexOptions.CultureInvariant, MatchTimeout), $"--regex \"{regex}\"");
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"--regex \"{regex}\" is not a valid regular expression: {ex.Message}";
            return false;
        }
    }
}
