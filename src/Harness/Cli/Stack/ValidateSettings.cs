using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Stack;

/// <summary>Options of <c>harness validate</c>.</summary>
internal sealed class ValidateSettings : CommandSettings
{
    [CommandOption("-f|--yaml <FILE>")]
    [Description("Stack file to check (default: stack.yaml, then stack.yml, as faas-cli)")]
    public string? File { get; init; }
}
