namespace Harness.Load;

/// <summary>
/// RFC 9110's grammar for what a scenario puts on the wire: a method or header name is a token, a header value holds
/// no control character. Both the scenario parser and the request writers check against this one definition, so a
/// value that passed the parser cannot split a request into two headers.
/// </summary>
public static class HttpSyntax
{
    /// <summary>Whether <paramref name="text"/> is an RFC 9110 token (a method or a header name): 1*tchar.</summary>
    public static bool IsToken(string? text)
        => !string.IsNullOrEmpty(text) && text.All(IsTokenChar);

    /// <summary>
    /// Whether <paramref name="value"/> can be a header value: no CR, LF, NUL or other control character (HTAB allowed),
    /// so it cannot end the header line it is written on.
    /// </summary>
    public static bool IsFieldValue(string? value)
        => value is not null && value.All(c => c == '\t' || !char.IsControl(c));

    /// <summary>Why the header cannot be sent (name first), or null when it can.</summary>
    public static string? HeaderProblem(string name, string value)
    {
        if (!IsToken(name))
        {
            return $"header name '{name}' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only; no spaces or ':')";
        }

        return IsFieldValue(value) ? null : $"the value of header {name} holds a control character (CR, LF or NUL are not allowed: they would end the header line)";
    }

    private static bool IsTokenChar(char c)
        => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
