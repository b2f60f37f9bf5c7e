namespace Harness.Platform.Templates;

/// <summary>
/// <c>template_compat: openfaas</c> (a function's environment, or platform-wide): the classic python3 templates behave
/// exactly as upstream's, which prints the handler's return value with status 200 and has the classic watchdog put
/// stdout and stderr in the body. Harness's default maps a <c>statusCode</c> dict to a status instead.
/// </summary>
public static class TemplateCompat
{
    /// <summary>The environment variable (and stack <c>environment</c> key) that holds the switch.</summary>
    public const string Variable = "template_compat";

    /// <summary>Behave exactly as the official template.</summary>
    public const string OpenFaas = "openfaas";

    /// <summary>Harness's own mapping (the default); a function sets it to opt out of a platform-wide <c>openfaas</c>.</summary>
    public const string Harness = "harness";

    /// <summary>True when <paramref name="environment"/> asks for upstream behaviour.</summary>
    internal static bool IsOpenFaas(IReadOnlyDictionary<string, string>? environment) =>
        environment?.GetValueOrDefault(Variable) is { } v && v.Trim().Equals(OpenFaas, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a value the switch knows (openfaas or harness, any case).</summary>
    public static bool IsKnown(string? value) =>
        value?.Trim() is { } v && (v.Equals(OpenFaas, StringComparison.OrdinalIgnoreCase) || v.Equals(Harness, StringComparison.OrdinalIgnoreCase));

    /// <summary>An error when the switch has a value other than <c>openfaas</c> or <c>harness</c>, else null.</summary>
    internal static string? Validate(IReadOnlyDictionary<string, string>? environment) =>
        environment?.GetValueOrDefault(Variable) is { } v && !IsKnown(v)
            ? $"environment.{Variable}: '{v}' is not known (expected '{OpenFaas}', to behave exactly as the official template, or '{Harness}', Harness's status mapping)"
            : null;

    /// <summary>
    /// Sets the watchdog's settings for a Python function in fork mode: Harness's runtime answers with a CGI head and
    /// its stderr belongs in the log; a classic one with the switch on prints as upstream (no CGI head) and stdout and
    /// stderr are combined in the body, as the classic watchdog's combine_output default does.
    /// </summary>
    internal static void ApplyWatchdogSettings(IDictionary<string, string> environment, bool classic)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (classic && environment.TryGetValue(Variable, out var v) && v.Trim().Equals(OpenFaas, StringComparison.OrdinalIgnoreCase))
        {
            environment["cgi_response"] = "false";
            environment["combine_output"] = "true";
        }
        else
        {
            environment["cgi_response"] = "true";
            environment.TryAdd("combine_output", "false");
        }
    }
}
