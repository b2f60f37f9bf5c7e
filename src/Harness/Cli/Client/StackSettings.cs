using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of the commands that read a stack file (deploy, build, push, up).</summary>
internal class StackSettings : NamespacedSettings
{
    [CommandOption("-f|--yaml <FILE>")]
    [Description("Stack file (default: stack.yaml, then stack.yml)")]
    public string? File { get; init; }

    [CommandOption("--filter <NAME>")]
    [Description("Only the function with this name")]
    public string? Filter { get; init; }
}
