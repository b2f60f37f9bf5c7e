using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of the commands that read a stack file (deploy, build, push, up).</summary>
internal class StackSettings : NamespacedSettings
{
    [CommandOption("-f|--yaml <FILE>")]
    [Description("Stack file (default: stack.yaml, then stack.yml)")]
    public string? File { get; init; }

    [CommandOption("--filter <WILDCARD>")]
    [Description("Only the functions whose name matches this wildcard, such as \"*gif*\" (as faas-cli)")]
    public string? Filter { get; init; }

    [CommandOption("--regex <REGEX>")]
    [Description("Only the functions whose name matches this regular expression (as faas-cli)")]
    public string? Regex { get; init; }

    public override ValidationResult Validate()
    {
        if (Filter is not null && Regex is not null)
        {
            return ValidationResult.Error("pass in a --regex or a --filter, not both");
        }

        return FunctionFilter.TryCreate(Filter, Regex, out _, out var error)
            ? ValidationResult.Success()
            : ValidationResult.Error(error);
    }
}
