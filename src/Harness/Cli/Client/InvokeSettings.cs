using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness invoke</c>, as faas-cli's.</summary>
internal sealed class InvokeSettings : NamespacedSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Function name")]
    public string Name { get; init; } = "";

    [CommandOption("-m|--method <METHOD>")]
    [Description("HTTP method (default: POST)")]
    public string Method { get; init; } = "POST";

    [CommandOption("--content-type <TYPE>")]
    [Description("Content-Type of the request body (default: text/plain)")]
    public string ContentType { get; init; } = "text/plain";

    [CommandOption("-H|--header <KEY=VALUE>")]
    [Description("A request header; repeat for more")]
    public string[] Headers { get; init; } = [];

    [CommandOption("--query <KEY=VALUE>")]
    [Description("A query parameter; repeat for more")]
    public string[] Query { get; init; } = [];

    [CommandOption("-a|--async")]
    [Description("Queue the call (/async-function/NAME): expect 202 and print the call id; add -H X-Callback-Url=URL to get the result")]
    public bool Async { get; init; }

    public override ValidationResult Validate()
    {
        foreach (var pair in Headers.Concat(Query))
        {
            if (KeyValue.TryParse(pair) is null)
            {
                return ValidationResult.Error($"'{pair}' is not KEY=VALUE");
            }
        }

        return Method.All(char.IsAsciiLetter)
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{Method}' is not an HTTP method");
    }
}
