using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of the commands that act on one named function or secret.</summary>
internal class NameSettings : NamespacedSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Function (or secret) name")]
    public string Name { get; init; } = "";
}
