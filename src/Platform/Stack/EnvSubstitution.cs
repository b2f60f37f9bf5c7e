using System.Text;

namespace Harness.Platform.Stack;

/// <summary>
/// faas-cli's bash-like substitution in stack values: <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR=default}</c> and
/// <c>${VAR:=default}</c> (the last two also assign, so later uses in the same file see the value). An undefined
/// variable becomes "". Other bash forms are reported rather than guessed at.
/// </summary>
internal sealed class EnvSubstitution
{
    public const string SupportedForms = "${VAR}, ${VAR:-default}, ${VAR=default} or ${VAR:=default}";

    private readonly Dictionary<string, string> _variables;

    public EnvSubstitution(IReadOnlyDictionary<string, string> environment)
    {
        _variables = new Dictionary<string, string>(environment, StringComparer.Ordinal);
    }

    /// <summary>Expands every <c>${...}</c>; on failure <paramref name="error"/> says what is wrong and the input is returned.</summary>
    public string Expand(string input, out string? error)
    {
        error = null;
        if (!input.Contains("${", StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            if (input[i] != '$' || i + 1 >= input.Length || input[i + 1] != '{')
            {
                output.Append(input[i]);
                i++;
                continue;
            }

            var close = FindClosingBrace(input, i + 2);
            if (close < 0)
            {
                error = $"unterminated '${{' at offset {i}; expected {SupportedForms}";
                return input;
            }

            var expanded = ExpandOne(input[(i + 2)..close], out error);
            if (error is not null)
            {
                return input;
            }

            output.Append(expanded);
            i = close + 1;
        }

        return output.ToString();
    }

    private string ExpandOne(string body, out string? error)
    {
        error = null;
        var nameLength = 0;
        while (nameLength < body.Length && IsNameChar(body[nameLength], nameLength == 0))
        {
            nameLength++;
        }

        var name = body[..nameLength];
        var rest = body[nameLength..];
        if (nameLength == 0)
        {
            error = $"unsupported substitution '${{{body}}}'; expected {SupportedForms}";
            return "";
        }

        var isSet = _variables.TryGetValue(name, out var value);
        value ??= "";
        if (rest.Length == 0)
        {
            return value;
        }

        var (op, fallback) = rest.StartsWith(":-", StringComparison.Ordinal) ? (":-", rest[2..])
            : rest.StartsWith(":=", StringComparison.Ordinal) ? (":=", rest[2..])
            : rest.StartsWith('=') ? ("=", rest[1..])
            : (null, null);
        if (op is null || fallback is null)
        {
            error = $"unsupported substitution '${{{body}}}'; expected {SupportedForms}";
            return "";
        }

        var useDefault = op == "=" ? !isSet : value.Length == 0;
        if (!useDefault)
        {
            return value;
        }

        var expandedDefault = Expand(fallback, out error);
        if (op != ":-")
        {
            _variables[name] = expandedDefault;
        }

        return expandedDefault;
    }

    private static int FindClosingBrace(string input, int from)
    {
        var depth = 0;
        for (var i = from; i < input.Length; i++)
        {
            if (input[i] == '{' && i > 0 && input[i - 1] == '$')
            {
                depth++;
            }
            else if (input[i] == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
        }

        return -1;
    }

    private static bool IsNameChar(char c, bool first) =>
        c == '_' || char.IsAsciiLetter(c) || (!first && char.IsAsciiDigit(c));
}
