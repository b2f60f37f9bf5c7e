using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Harness.Cli.App;

/// <summary>
/// The text of a usage error. Spectre's "Failed to convert 'abc' to Nullable`1." names neither the option nor what was
/// expected; it becomes "--agents: 'abc' is not a whole number", the option found where the value was given.
/// </summary>
internal static partial class UsageErrorText
{
    public static string Describe(Exception error, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(args);
        if (error is not CommandRuntimeException || ConversionFailed().Match(error.Message) is not { Success: true } match)
        {
            return error.Message;
        }

        var value = match.Groups["value"].Value;
        var expected = Expected(error.InnerException?.Message ?? "", match.Groups["type"].Value);
        if (expected == "a whole number" && WholeNumber().IsMatch(value))
        {
            expected = "a whole number in range (it is too large)";
        }

        return OptionOf(args, value) is { } option ? $"{option}: '{value}' is not {expected}" : $"'{value}' is not {expected}";
    }

    /// <summary>The option <paramref name="value"/> was given to: <c>--opt VALUE</c>, <c>--opt=VALUE</c> or <c>--opt:VALUE</c>.</summary>
    private static string? OptionOf(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == value && i > 0 && args[i - 1].StartsWith('-') && args[i - 1].Length > 1)
            {
                return args[i - 1];
            }

            var separator = arg.StartsWith('-') ? arg.IndexOfAny(['=', ':']) : -1;
            if (separator > 0 && arg[(separator + 1)..] == value)
            {
                return arg[..separator];
            }
        }

        return null;
    }

    // Int32Converter and its kin say "abc is not a valid value for Int32." (Nullable<T>'s converter passes T's message on).
    private static string Expected(string inner, string type) => (inner + " " + type) switch
    {
        var t when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Single", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) => "a number",
        var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a valid value",
    };

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[^.]+)\.")]
    private static partial Regex ConversionFailed();
}
